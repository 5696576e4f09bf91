import Foundation

extension ScalingPolicy {
    /// The two CloudWatch alarms a target tracking policy creates ("Target tracking scaling policies":
    /// "Amazon EC2 Auto Scaling creates and manages the CloudWatch alarms that trigger the scaling policy"):
    /// `TargetTracking-<group>-AlarmHigh-<id>` above the target and `…-AlarmLow-<id>` below the lower
    /// threshold. Their periods and the lower threshold are ``ScalingAssumptions``. With scale-in disabled
    /// there is no scale-in alarm. AWS's `<id>` is a random UUID; here it is derived from the policy name so
    /// that a preview reads the same every time. Nil for other policy types.
    public func targetTrackingAlarms(group: String, assumptions: ScalingAssumptions = .standard)
        -> (high: AlarmDefinition, low: AlarmDefinition?)? {
        guard case .targetTracking(let configuration) = kind else { return nil }
        let metric = configuration.metric
        let id = Self.stableID(name)
        let high = AlarmDefinition(
            name: "TargetTracking-\(group)-AlarmHigh-\(id)", namespace: metric.namespace, metricName: metric.name,
            dimensions: metric.dimensions, statistic: metric.statistic, period: 60,
            evaluationPeriods: assumptions.highAlarmPeriods, threshold: configuration.targetValue,
            comparison: .greaterThanThreshold, treatMissingData: .missing)
        guard !configuration.disableScaleIn else { return (high, nil) }
        let low = AlarmDefinition(
            name: "TargetTracking-\(group)-AlarmLow-\(id)", namespace: metric.namespace, metricName: metric.name,
            dimensions: metric.dimensions, statistic: metric.statistic, period: 60,
            evaluationPeriods: assumptions.lowAlarmPeriods,
            threshold: configuration.targetValue * assumptions.lowRatio,
            comparison: .lessThanThreshold, treatMissingData: .missing)
        return (high, low)
    }

    /// A UUID-shaped id from FNV-1a hashes of `text`.
    static func stableID(_ text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return h
        }
        let hex = String(format: "%016llx%016llx", fnv(0), fnv(0x9e37_79b9_7f4a_7c15))
        let c = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }
}
