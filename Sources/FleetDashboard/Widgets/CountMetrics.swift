/// Metrics whose values are counts of things (hosts, instances): a count holds until it changes,
/// so charts draw it as steps, never as a slope through "1.5 hosts". Rates and percentages
/// (RequestCount per minute, CPUUtilization) stay lines.
///
/// - ELB: `HealthyHostCount`, `UnHealthyHostCount` — the number of targets in each state
///   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
/// - Auto Scaling group metrics: `GroupMinSize`, `GroupMaxSize`, `GroupDesiredCapacity`,
///   `Group…Instances` — numbers of instances
///   (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html).
enum CountMetrics {
    static let names: [String: Set<String>] = [
        "AWS/ApplicationELB": ["HealthyHostCount", "UnHealthyHostCount"],
        "AWS/NetworkELB": ["HealthyHostCount", "UnHealthyHostCount"],
        "AWS/AutoScaling": ["GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances",
                            "GroupPendingInstances", "GroupStandbyInstances", "GroupTerminatingInstances",
                            "GroupTotalInstances", "WarmPoolDesiredCapacity", "WarmPoolTotalCapacity"],
    ]

    static func isCount(namespace: String, metricName: String) -> Bool {
        names[namespace]?.contains(metricName) ?? false
    }
}
