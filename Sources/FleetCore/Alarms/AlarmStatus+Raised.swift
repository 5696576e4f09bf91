import Foundation

extension AlarmStatus {
    /// The alarms of `now` that went to ALARM since `before`: each was in `before` in another state
    /// (OK or INSUFFICIENT_DATA). An alarm first seen in `now` has no transition — its state is the
    /// baseline — so an alarm already in ALARM when fleetwatch starts raises nothing; one that stays
    /// in ALARM raises nothing again. The rule `on_alarm:` acts on, in the overview and on one fleet.
    public static func raised(from before: [AlarmStatus], to now: [AlarmStatus]) -> [AlarmStatus] {
        guard now.contains(where: { $0.state == .alarm }) else { return [] }
        let previous = Dictionary(before.map { ($0.name, $0.state) }, uniquingKeysWith: { first, _ in first })
        return now.filter { $0.state == .alarm && previous[$0.name].map { $0 != .alarm } == true }
    }
}
