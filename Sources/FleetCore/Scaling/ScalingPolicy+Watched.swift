import Foundation

/// An alarm that invokes a policy, and what it asks of it.
public struct WatchedAlarm: Sendable, Hashable {
    public var definition: AlarmDefinition
    public var role: ScalingAlarmInput.Role
}

extension ScalingPolicy {
    /// The alarms that invoke this policy: target tracking's own two (``targetTrackingAlarms(group:assumptions:)``),
    /// else the alarms whose actions name it; or, as `neverActs`, why no alarm ever will (the lint line's reason).
    public func watchedAlarms(group: String, assumptions: ScalingAssumptions) -> (alarms: [WatchedAlarm], neverActs: String?) {
        guard enabled else { return ([], "disabled (enabled = false)") }
        if let tracking = targetTrackingAlarms(group: group, assumptions: assumptions),
           case .targetTracking(let configuration) = kind {
            if let reason = configuration.metric.unpublishedReason {
                return ([], "no datapoints for \(configuration.metric.description), \(reason)")
            }
            var watched = [WatchedAlarm(definition: tracking.high, role: .high)]
            if let low = tracking.low { watched.append(WatchedAlarm(definition: low, role: .low)) }
            return (watched, nil)
        }
        guard !alarms.isEmpty else { return ([], "no alarm's alarm_actions invokes it") }
        return (alarms.map { WatchedAlarm(definition: $0, role: .trigger) }, nil)
    }
}

extension ScalingPolicyInput {
    /// Joins policies to the data `points(for:)` finds for each alarm (the dashboard's series; `fleetwatch
    /// preview --scaling` has its own matching of files, ``ScalingPreviewSetup`` in FleetSources). A policy with
    /// no alarm that has data, or only a scale-in alarm with data, never acts: one lint line each.
    public static func join(_ policies: [ScalingPolicy], group: String, assumptions: ScalingAssumptions, model: LoadModel,
                            points: (AlarmDefinition) -> [Datapoint]) -> (inputs: [ScalingPolicyInput], lint: [String]) {
        var inputs: [ScalingPolicyInput] = []
        var lint: [String] = []
        for policy in policies {
            let watched = policy.watchedAlarms(group: group, assumptions: assumptions)
            if let reason = watched.neverActs {
                lint.append("\(policy.name): never acts: \(reason)")
                continue
            }
            var alarms: [ScalingAlarmInput] = []
            for alarm in watched.alarms {
                let d = alarm.definition
                let data = points(d)
                guard !data.isEmpty else { continue }
                alarms.append(ScalingAlarmInput(definition: d, role: alarm.role, points: data,
                                                rescaled: model.rescales(namespace: d.namespace, name: d.metricName,
                                                                         statistic: d.statistic, dimensions: d.dimensions)))
            }
            guard alarms.contains(where: { $0.role != .low }) else {
                lint.append("\(policy.name): never acts: no datapoints for "
                    + (watched.alarms.first.map(\.definition.metricText) ?? "its metric"))
                continue
            }
            inputs.append(ScalingPolicyInput(policy: policy, alarms: alarms))
        }
        return (inputs, lint)
    }

}

extension AlarmDefinition {
    /// `AWS/EC2 CPUUtilization {AutoScalingGroupName=erato-backend-asg}`: the metric, as lint lines name it.
    public var metricText: String {
        "\(namespace) \(metricName) {" + dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}
