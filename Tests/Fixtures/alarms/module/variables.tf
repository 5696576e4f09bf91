variable "alb_arn_suffix" {
  type = string
}

variable "unhealthy_threshold" {
  type    = number
  default = 1
}

variable "latency_threshold" {
  type = number
}
