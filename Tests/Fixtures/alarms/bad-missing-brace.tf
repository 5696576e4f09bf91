resource "aws_cloudwatch_metric_alarm" "unhealthy" {
  alarm_name          = "erato-health-check-failures"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  threshold           = 1
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    LoadBalancer = "app/erato-alb/50dc6c495c0c9188"
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "erato-cpu-high"
  namespace           = "AWS/EC2"
}
