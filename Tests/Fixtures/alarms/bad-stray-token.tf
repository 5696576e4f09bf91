# A stray token after a value.
resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "erato-cpu-high"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60 60
  evaluation_periods  = 3
}
