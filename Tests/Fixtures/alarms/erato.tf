# Erato web fleet: load balancer, auto scaling and alarms.
# Managed by Terraform; see README for the runbook.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "cpu_threshold" {
  description = "Average CPU (%) above which the fleet is considered hot"
  type        = number
  default     = 80
}

variable "environment" {
  type    = string
  default = "prod"
}

locals {
  name_prefix = "erato-${var.environment}"
  common_tags = {
    Service = "erato"
    Owner   = "web-platform"
  }
}

data "aws_sns_topic" "pager" {
  name = "erato-pager"
}

resource "aws_lb" "erato" {
  name               = "erato-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnets
  tags               = local.common_tags
}

resource "aws_lb_target_group" "erato" {
  name     = "erato-web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id

  health_check {
    path                = "/health"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    matcher             = "200-299"
  }
}

/*
 * Health: page when more than one target fails its health check
 * for two consecutive 5-minute periods.
 */
resource "aws_cloudwatch_metric_alarm" "erato_unhealthy_hosts" {
  alarm_name          = "erato-health-check-failures"
  alarm_description   = <<-EOF
    More than one Erato target is failing its /health check.
    Runbook: https://wiki.example.com/erato/unhealthy-hosts
  EOF
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  threshold           = 1
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    LoadBalancer = aws_lb.erato.arn_suffix
    TargetGroup  = aws_lb_target_group.erato.arn_suffix
  }

  alarm_actions = [data.aws_sns_topic.pager.arn]
  ok_actions    = [data.aws_sns_topic.pager.arn]
  tags          = merge(local.common_tags, { Severity = "page" })
}

// CPU: written the way the console export writes it, numbers quoted.
resource "aws_cloudwatch_metric_alarm" "erato_cpu_high" {
  alarm_name          = "${local.name_prefix}-cpu-high"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = "3"
  datapoints_to_alarm = "2"
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = "60"
  statistic           = "Average"
  threshold           = var.cpu_threshold
  alarm_description   = "Erato CPU above ${var.cpu_threshold}% on average"

  dimensions {
    AutoScalingGroupName = "erato-web-asg"
  }

  lifecycle {
    ignore_changes = [tags]
  }
}

resource "aws_cloudwatch_metric_alarm" "erato_p99_latency" {
  alarm_name                            = "erato-p99-latency"
  namespace                             = "AWS/ApplicationELB"
  metric_name                           = "TargetResponseTime"
  extended_statistic                    = "p99"
  period                                = 60
  evaluation_periods                    = 5
  datapoints_to_alarm                   = 3
  threshold                             = 1.5 # seconds
  comparison_operator                   = "GreaterThanThreshold"
  treat_missing_data                    = "ignore"
  evaluate_low_sample_count_percentiles = "ignore"
  dimensions = { LoadBalancer = aws_lb.erato.arn_suffix }
}

# 5xx rate: metric math, which the preview does not evaluate.
resource "aws_cloudwatch_metric_alarm" "erato_5xx_rate" {
  alarm_name          = "erato-5xx-rate"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  threshold           = 5

  metric_query {
    id          = "rate"
    expression  = "100 * errors / MAX([errors, requests])"
    label       = "5xx rate (%)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      metric_name = "HTTPCode_Target_5XX_Count"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
      dimensions = {
        LoadBalancer = aws_lb.erato.arn_suffix
      }
    }
  }

  metric_query {
    id = "requests"
    metric {
      metric_name = "RequestCount"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = aws_lb.erato.arn_suffix }
    }
  }
}

resource "aws_autoscaling_group" "erato" {
  name                = "erato-web-asg"
  min_size            = 3
  max_size            = length(var.azs) * 4
  vpc_zone_identifier = var.private_subnets
  target_group_arns   = [aws_lb_target_group.erato.arn]

  dynamic "tag" {
    for_each = local.common_tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}

resource "aws_autoscaling_policy" "erato_cpu_target" {
  name                   = "erato-cpu-target-tracking"
  autoscaling_group_name = aws_autoscaling_group.erato.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 70
  }
}

resource "aws_autoscaling_policy" "erato_requests_target" {
  name                   = "erato-requests-per-target"
  autoscaling_group_name = aws_autoscaling_group.erato.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.erato.arn_suffix}/${aws_lb_target_group.erato.arn_suffix}"
    }
    target_value     = 1000.0
    disable_scale_in = false
  }
}

resource "aws_autoscaling_policy" "erato_step_out" {
  name                   = "erato-step-out"
  autoscaling_group_name = aws_autoscaling_group.erato.name
  policy_type            = "StepScaling"
  adjustment_type        = "ChangeInCapacity"

  step_adjustment {
    scaling_adjustment          = 2
    metric_interval_lower_bound = 0
  }
}

output "alb_dns_name" {
  value = aws_lb.erato.dns_name
}
