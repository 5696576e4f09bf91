/// What Amazon EC2 Auto Scaling does but does not document, named so that each can be overridden
/// (`fleetwatch preview --scaling … --low-ratio 0.85`) and printed beside every preview.
public struct ScalingAssumptions: Sendable, Hashable, Codable {
    /// Target tracking's scale-out alarm (`…-AlarmHigh-…`): breaching in this many of as many one-minute
    /// periods. AWS documents that the alarm fires above the target but not its periods; 3 of 3 is what
    /// the alarms real accounts show have. Undocumented.
    public var highAlarmPeriods: Int
    /// Target tracking's scale-in alarm (`…-AlarmLow-…`): below its threshold for this many of as many
    /// periods; 15 of 15 is what real accounts show. Undocumented.
    public var lowAlarmPeriods: Int
    /// The scale-in alarm's threshold as a fraction of the target. The guide says only that it is
    /// "usually more than 10 % lower" than the target; 0.9 is the ratio real accounts show. Undocumented.
    public var lowRatio: Double
    /// Seconds from a scaling activity's start to its end (instances launched or terminated). The
    /// cooldown of simple scaling runs from the end. AWS documents no duration; 0 by default.
    public var activitySeconds: Int

    public init(highAlarmPeriods: Int = 3, lowAlarmPeriods: Int = 15, lowRatio: Double = 0.9, activitySeconds: Int = 0) {
        self.highAlarmPeriods = highAlarmPeriods
        self.lowAlarmPeriods = lowAlarmPeriods
        self.lowRatio = lowRatio
        self.activitySeconds = activitySeconds
    }

    public static let standard = ScalingAssumptions()

    /// One line each, for the preview's output.
    public var lines: [String] {
        [
            "target tracking scale-out alarm: \(highAlarmPeriods) of \(highAlarmPeriods) one-minute periods above the target (not documented by AWS; what real accounts show)",
            "target tracking scale-in alarm: \(lowAlarmPeriods) of \(lowAlarmPeriods) periods below \(lowRatio) × the target (AWS: \"usually more than 10 % lower\"; the ratio is not documented)",
            "target tracking capacity: current × newest datapoint ÷ target, rounded up when adding and down when removing (the rounding is documented, the formula is not: ScalingRules.targetTrackingCapacity)",
            "a scaling activity lasts \(activitySeconds) s; simple scaling's cooldown starts when it ends",
        ]
    }
}

/// How the recorded metric would have changed had the group run at another capacity.
public enum LoadModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Per-instance metric = recorded × recorded capacity ÷ simulated capacity, for per-instance averages
    /// and per-target metrics (the load is shared equally by the instances in service, from the minute of the
    /// activity that launched them; so leaving warming instances out of the aggregate, as Auto Scaling does,
    /// does not change it). An assumption:
    /// AWS recommends target tracking on metrics that change "inversely proportional to a change in the
    /// capacity" (user guide, "Dynamic scaling"), which is what this models.
    case proportional
    /// The metric replays as recorded, whatever the simulated capacity.
    case none

    /// The sentence the output states.
    public var statement: String {
        switch self {
        case .proportional:
            "load model: per-instance metric = recorded × recorded capacity ÷ simulated capacity (averages and per-target metrics)"
        case .none:
            "load model: none — the metrics replay as recorded, whatever the simulated capacity"
        }
    }

    /// True when the model rescales `key`'s values: averages over the group (`AutoScalingGroupName`) and
    /// per-target metrics (`RequestCountPerTarget`). Totals, latencies and per-instance series are left alone.
    public func rescales(namespace: String, name: String, statistic: String, dimensions: [Dimension]) -> Bool {
        guard self == .proportional else { return false }
        if name == "RequestCountPerTarget" { return true }
        return statistic == "Average" && dimensions.contains { $0.name == "AutoScalingGroupName" }
    }
}
