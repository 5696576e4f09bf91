import Foundation

/// One alarm a policy is invoked by, with the raw points of the metric it watches.
public struct ScalingAlarmInput: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, Codable { case high, low, trigger }
    public var definition: AlarmDefinition
    public var role: Role
    /// Raw points of the watched metric, as recorded.
    public var points: [Datapoint]
    /// True when the load model rescales this metric with the simulated capacity.
    public var rescaled: Bool

    public init(definition: AlarmDefinition, role: Role, points: [Datapoint], rescaled: Bool) {
        self.definition = definition
        self.role = role
        let ordered = zip(points, points.dropFirst()).allSatisfy { $0.time <= $1.time }
        self.points = ordered ? points : points.sorted { $0.time < $1.time }
        self.rescaled = rescaled
    }
}

/// A policy and its alarms' data, ready to preview.
public struct ScalingPolicyInput: Sendable, Hashable {
    public var policy: ScalingPolicy
    public var alarms: [ScalingAlarmInput]

    public init(policy: ScalingPolicy, alarms: [ScalingAlarmInput]) {
        self.policy = policy
        self.alarms = alarms
    }
}

/// One scaling activity the preview would have started.
public struct ScalingActivity: Sendable, Hashable, Codable {
    public var time: Date
    public var policy: String
    public var alarm: String
    public var from: Int
    public var to: Int

    public init(time: Date, policy: String, alarm: String, from: Int, to: Int) {
        self.time = time
        self.policy = policy
        self.alarm = alarm
        self.from = from
        self.to = to
    }

    /// In the words of the activity's `Cause` in `describe-scaling-activities`.
    public var cause: String {
        "At \(ISOTime.string(time)) a monitor alarm \(alarm) in state ALARM triggered policy \(policy) "
            + "changing the desired capacity from \(from) to \(to)."
    }
}

/// What a preview found: the activities, the capacity path and, per target tracking policy, how long its
/// metric stood above the target (simulated, and as recorded).
public struct ScalingPreview: Sendable, Hashable {
    public struct TargetMinutes: Sendable, Hashable, Codable {
        public var policy: String
        public var target: Double
        public var simulated: Int
        public var recorded: Int
    }

    public var start: Date
    public var end: Date
    public var activities: [ScalingActivity]
    public var path: CapacityPath
    public var recorded: CapacityPath?
    public var aboveTarget: [TargetMinutes]

    public var peakCapacity: Int { path.peak(from: start, to: end) ?? 0 }
    public var instanceHours: Double { path.instanceHours(from: start, to: end) }
}
