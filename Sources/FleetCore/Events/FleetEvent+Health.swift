import Foundation

extension FleetEvent {
    /// A target's change of health, `healthy → unhealthy (Target.Timeout)`: the states as
    /// `describe-target-health` spells them, the reason code when the new state has one.
    public static func healthChange(time: Date, instance: String, zone: String?, from old: TargetHealth,
                                    to new: TargetHealth, reason: String?) -> FleetEvent {
        let why = reason.map { " (\($0))" } ?? ""
        return FleetEvent(time: time, kind: .health, zone: zone, instance: instance,
                          text: "\(old.rawValue) → \(new.rawValue)\(why)")
    }

    /// The health changes between two successive reads of the same targets (for sources that read
    /// `describe-target-health` rather than run checks): one event per instance present in both
    /// whose state changed. Targets that appear or vanish are launches and terminations, not
    /// health changes.
    public static func healthChanges(from old: [Instance], to new: [Instance], at time: Date) -> [FleetEvent] {
        let before = Dictionary(old.map { ($0.id, $0.health) }, uniquingKeysWith: { a, _ in a })
        return new.sorted { $0.id < $1.id }.compactMap { instance in
            guard let was = before[instance.id], was != instance.health else { return nil }
            return healthChange(time: time, instance: instance.id, zone: instance.zone, from: was,
                                to: instance.health, reason: instance.reason)
        }
    }
}

extension TargetHealthMachine {
    /// Records one check (``record(_:)``) and returns the health event when the state changed:
    /// the one way the simulator and the probes turn checks into events.
    public mutating func record(_ failure: HealthCheckFailure?, at time: Date, instance: String,
                                zone: String?) -> FleetEvent? {
        let before = state
        record(failure)
        guard state != before else { return nil }
        return .healthChange(time: time, instance: instance, zone: zone, from: before, to: state, reason: reason)
    }
}
