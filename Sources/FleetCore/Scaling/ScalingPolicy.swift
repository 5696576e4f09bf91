import Foundation

/// How a step or simple policy's `ScalingAdjustment` is read (Amazon EC2 Auto Scaling User Guide,
/// "Step and simple scaling policies", scaling adjustment types:
/// https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html).
public enum AdjustmentType: String, Sendable, Hashable, Codable, CaseIterable {
    case changeInCapacity = "ChangeInCapacity"
    case exactCapacity = "ExactCapacity"
    case percentChangeInCapacity = "PercentChangeInCapacity"
}

/// One step of a step scaling policy: bounds relative to the alarm's threshold (nil is unbounded).
public struct StepAdjustment: Sendable, Hashable, Codable {
    public var lowerBound: Double?
    public var upperBound: Double?
    public var adjustment: Int

    public init(lowerBound: Double? = nil, upperBound: Double? = nil, adjustment: Int) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.adjustment = adjustment
    }
}

/// The metric a target tracking policy tracks: CloudWatch's identity of it plus how it is published.
public struct ScalingMetric: Sendable, Hashable, Codable {
    public var namespace: String
    public var name: String
    public var statistic: String
    public var dimensions: [Dimension]
    /// Dimensions whose value Terraform computes (`aws_lb_target_group.x.arn_suffix`): they match any value.
    public var unresolvedDimensions: [String]

    public init(namespace: String, name: String, statistic: String, dimensions: [Dimension] = [],
                unresolvedDimensions: [String] = []) {
        self.namespace = namespace
        self.name = name
        self.statistic = statistic
        self.dimensions = dimensions.sorted()
        self.unresolvedDimensions = unresolvedDimensions
    }

    /// `AWS/EC2 CPUUtilization {AutoScalingGroupName=…}`.
    public var description: String {
        "\(namespace) \(name) {" + dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "}"
    }

    /// The predefined metrics (PredefinedMetricSpecification in the Auto Scaling API reference):
    /// `ASGAverageCPUUtilization` is `AWS/EC2 CPUUtilization` (Average) of the group;
    /// `ALBRequestCountPerTarget` is `AWS/ApplicationELB RequestCountPerTarget` (Sum) of the target group
    /// named by the resource label's `targetgroup/…` part. Other predefined types are nil.
    public static func predefined(_ type: String, group: String, resourceLabel: String?,
                                  labelUnresolved: Bool = false) -> ScalingMetric? {
        switch type {
        case "ASGAverageCPUUtilization":
            return ScalingMetric(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                 dimensions: [Dimension("AutoScalingGroupName", group)])
        case "ASGAverageNetworkIn", "ASGAverageNetworkOut":
            return ScalingMetric(namespace: "AWS/EC2", name: String(type.dropFirst(10)), statistic: "Average",
                                 dimensions: [Dimension("AutoScalingGroupName", group)])
        case "ALBRequestCountPerTarget":
            // resource label: app/<lb>/<id>/targetgroup/<tg>/<id>
            let label = resourceLabel ?? ""
            let targetGroup = label.range(of: "targetgroup/").map { String(label[$0.lowerBound...]) }
            return ScalingMetric(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                                 dimensions: [Dimension("TargetGroup", targetGroup ?? label)],
                                 unresolvedDimensions: labelUnresolved || targetGroup == nil ? ["TargetGroup"] : [])
        default:
            return nil
        }
    }
}

/// A target tracking policy's configuration.
public struct TargetTrackingConfiguration: Sendable, Hashable, Codable {
    public var metric: ScalingMetric
    public var targetValue: Double
    public var disableScaleIn: Bool

    public init(metric: ScalingMetric, targetValue: Double, disableScaleIn: Bool = false) {
        self.metric = metric
        self.targetValue = targetValue
        self.disableScaleIn = disableScaleIn
    }
}

/// A step (`steps`) or simple (one step, no bounds, with a `cooldown`) policy's adjustment.
public struct AdjustmentConfiguration: Sendable, Hashable, Codable {
    public var type: AdjustmentType
    public var steps: [StepAdjustment]
    public var minAdjustmentMagnitude: Int?
    /// Simple scaling only: seconds after an activity ends before this policy may start another.
    public var cooldown: Int?

    public init(type: AdjustmentType, steps: [StepAdjustment], minAdjustmentMagnitude: Int? = nil, cooldown: Int? = nil) {
        self.type = type
        self.steps = steps
        self.minAdjustmentMagnitude = minAdjustmentMagnitude
        self.cooldown = cooldown
    }
}

public enum ScalingPolicyKind: Sendable, Hashable, Codable {
    case targetTracking(TargetTrackingConfiguration)
    case step(AdjustmentConfiguration)
    case simple(AdjustmentConfiguration)

    /// `TargetTrackingScaling`, `StepScaling` or `SimpleScaling`, as the API names the policy type.
    public var policyType: String {
        switch self {
        case .targetTracking: "TargetTrackingScaling"
        case .step: "StepScaling"
        case .simple: "SimpleScaling"
        }
    }
}

/// One dynamic scaling policy of an Auto Scaling group, as Terraform or `describe-policies` states it.
public struct ScalingPolicy: Sendable, Hashable, Codable {
    public var name: String
    public var kind: ScalingPolicyKind
    /// `estimated_instance_warmup` (target tracking and step only); nil uses the group's warm-up.
    public var estimatedInstanceWarmup: Int?
    /// Step and simple policies: the alarms whose actions invoke this policy (target tracking makes its own).
    public var alarms: [AlarmDefinition]
    public var enabled: Bool

    public init(name: String, kind: ScalingPolicyKind, estimatedInstanceWarmup: Int? = nil,
                alarms: [AlarmDefinition] = [], enabled: Bool = true) {
        self.name = name
        self.kind = kind
        self.estimatedInstanceWarmup = estimatedInstanceWarmup
        self.alarms = alarms
        self.enabled = enabled
    }
}

/// The group the policies scale: its limits, its capacity at the start, and its warm-up and cooldown.
public struct ScalingGroup: Sendable, Hashable, Codable {
    public var name: String
    public var minSize: Int
    public var maxSize: Int
    public var desiredCapacity: Int?
    /// `default_instance_warmup` (DefaultInstanceWarmup); nil when not enabled.
    public var defaultInstanceWarmup: Int?
    /// `default_cooldown`; 300 s when not set (CreateAutoScalingGroup, DefaultCooldown).
    public var defaultCooldown: Int

    public init(name: String, minSize: Int, maxSize: Int, desiredCapacity: Int? = nil,
                defaultInstanceWarmup: Int? = nil, defaultCooldown: Int = 300) {
        self.name = name
        self.minSize = minSize
        self.maxSize = maxSize
        self.desiredCapacity = desiredCapacity
        self.defaultInstanceWarmup = defaultInstanceWarmup
        self.defaultCooldown = defaultCooldown
    }

    /// The warm-up of instances a policy launches: the policy's estimated warm-up, else the group's default
    /// instance warm-up, else the default cooldown ("EstimatedInstanceWarmup ... falls back to the value
    /// of default cooldown", PutScalingPolicy in the Auto Scaling API reference).
    public func warmup(for policy: ScalingPolicy) -> Int {
        policy.estimatedInstanceWarmup ?? defaultInstanceWarmup ?? defaultCooldown
    }
}

extension ScalingMetric {
    /// Why CloudWatch never has datapoints for this metric as written, where a rule says so: the load
    /// balancer's `RequestCountPerTarget` is published per target group (Elastic Load Balancing user guide,
    /// "CloudWatch metrics for your Application Load Balancer": its dimension is `TargetGroup`), so a metric
    /// without the `TargetGroup` dimension has none. Nil when no rule applies.
    public var unpublishedReason: String? {
        if namespace == "AWS/ApplicationELB", name == "RequestCountPerTarget",
           !dimensions.contains(where: { $0.name == "TargetGroup" }) {
            return "a metric published per TargetGroup"
        }
        return nil
    }
}
