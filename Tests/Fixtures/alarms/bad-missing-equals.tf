resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "erato-cpu-high"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "missing"

  threshold  80
}
