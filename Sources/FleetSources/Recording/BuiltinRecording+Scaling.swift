import AlarmDefinitions
import FleetCore

extension BuiltinRecording {
    /// The name the built-in policies go by.
    public static let scalingFileName = "erato-scaling.tf"

    /// The Erato group's four scaling policies as deployed (Terraform; the same text as
    /// `Tests/Fixtures/scaling/erato-scaling.tf`, which a test checks), shipped with the built-in demo the way
    /// its alarm is, so that `fleetwatch` with no arguments shows the preview's scaling view.
    public static func scaling() throws -> LoadedScaling {
        try TerraformScaling.load(files: [(scalingFileName, scalingText)])
    }

    static let scalingText = #"""
# Erato backend: the Auto Scaling group and its four dynamic scaling policies, as deployed.
# The scaling preview's fixture: `fleetwatch preview --scaling erato-scaling.tf --data demo`.

variable "cpu_target" {
  type    = number
  default = 70
}

resource "aws_lb" "erato" {
  name = "erato-backend-alb"
}

resource "aws_autoscaling_group" "erato" {
  name                    = "erato-backend-asg"
  min_size                = 3
  max_size                = 12
  desired_capacity        = 6
  default_instance_warmup = 180
  default_cooldown        = 300
}

# Target tracking on the group's average CPU.
resource "aws_autoscaling_policy" "target_cpu" {
  name                   = "erato-target-cpu"
  autoscaling_group_name = aws_autoscaling_group.erato.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = var.cpu_target
  }
}

# Requests per target, written as a customized metric with the load balancer only.
resource "aws_autoscaling_policy" "request_count" {
  name                   = "request_count"
  autoscaling_group_name = aws_autoscaling_group.erato.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    customized_metric_specification {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCountPerTarget"
      statistic   = "Sum"
      metric_dimension {
        name  = "LoadBalancer"
        value = "app/erato-backend-alb/50dc6c495c0c9188"
      }
    }
    target_value     = 1000
    disable_scale_in = true
  }
}

# Step scaling on a CPU alarm: +1 from 85 %, +3 from 95 %.
resource "aws_autoscaling_policy" "step_out" {
  name                      = "erato-step-out"
  autoscaling_group_name    = aws_autoscaling_group.erato.name
  policy_type               = "StepScaling"
  adjustment_type           = "ChangeInCapacity"
  estimated_instance_warmup = 120

  step_adjustment {
    scaling_adjustment          = 1
    metric_interval_lower_bound = 0
    metric_interval_upper_bound = 10
  }
  step_adjustment {
    scaling_adjustment          = 3
    metric_interval_lower_bound = 10
  }
}

# Simple scaling: remove 10 % (at least one) when the fleet idles.
resource "aws_autoscaling_policy" "simple_in" {
  name                     = "erato-simple-in"
  autoscaling_group_name   = aws_autoscaling_group.erato.name
  adjustment_type          = "PercentChangeInCapacity"
  scaling_adjustment       = -10
  min_adjustment_magnitude = 1
  cooldown                 = 600
}

resource "aws_cloudwatch_metric_alarm" "cpu_step" {
  alarm_name          = "erato-cpu-step"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 2
  threshold           = 85
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions          = { AutoScalingGroupName = aws_autoscaling_group.erato.name }
  alarm_actions       = [aws_autoscaling_policy.step_out.arn]
}

resource "aws_cloudwatch_metric_alarm" "cpu_idle" {
  alarm_name          = "erato-cpu-idle"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 20
  comparison_operator = "LessThanThreshold"
  dimensions          = { AutoScalingGroupName = "erato-backend-asg" }
  alarm_actions       = ["${aws_autoscaling_policy.simple_in.arn}"]
}
"""#
}
