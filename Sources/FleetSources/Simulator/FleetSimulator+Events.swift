import FleetCore
import Foundation

/// The simulator's events, worded as Auto Scaling words its activities
/// (`describe-scaling-activities`: `Description`, `Cause`, `StatusCode`; see "Verify a scaling
/// activity for an Auto Scaling group" in the Amazon EC2 Auto Scaling user guide) and as
/// `describe-instance-refreshes` reports a refresh (`Status`, `PercentageComplete`,
/// `InstancesToUpdate`).
extension FleetSimulator {
    /// The scaling policy's name, as the cause text names it.
    static let policyName = "erato-target-cpu"

    /// A target-tracking decision: the alarm that fired and the change of desired capacity.
    mutating func noteScaling(from old: Int, to new: Int) {
        let side = new > old ? "AlarmHigh" : "AlarmLow"
        let alarm = "TargetTracking-\(fleet.autoScalingGroup)-\(side)-\(alarmSuffix)"
        pendingEvents.append(FleetEvent(
            time: now, kind: .scaling,
            text: "At \(ISOTime.string(now)) a monitor alarm \(alarm) in state ALARM triggered policy \(Self.policyName) changing the desired capacity from \(old) to \(new)."))
    }

    /// A launch activity: `InProgress` while the instance is `Pending`, `Successful` once it is in
    /// service (the same activity, so the second replaces the first).
    mutating func noteLaunch(_ instance: SimulatedInstance) {
        let status = instance.lifecycle == .pending ? "InProgress" : "Successful"
        pendingEvents.append(FleetEvent(
            time: start.addingTimeInterval(TimeInterval(instance.launchedAt)), kind: .launch,
            zone: fleet.zones[instance.zone], instance: instance.id,
            text: "Launching a new EC2 instance: \(instance.id) (\(status))", id: "launch-\(instance.id)"))
    }

    mutating func noteTermination(_ instance: SimulatedInstance) {
        pendingEvents.append(FleetEvent(
            time: now, kind: .terminate, zone: fleet.zones[instance.zone], instance: instance.id,
            text: "Terminating EC2 instance: \(instance.id)"))
    }

    /// `bad-deploy`'s deployment as an instance refresh: it starts, and is rolled back.
    mutating func noteRefresh(live: Bool) {
        let running = members.filter { $0.lifecycle == .inService }.count
        if live {
            refreshes += 1
            pendingEvents.append(FleetEvent(
                time: now, kind: .refresh,
                text: "Instance refresh InProgress: 0% complete, \(running) instances to update"))
        } else {
            let done = (running + 2) / 3
            let percent = running > 0 ? done * 100 / running : 0
            pendingEvents.append(FleetEvent(
                time: now, kind: .refresh,
                text: "Instance refresh RollbackSuccessful: \(percent)% complete when rolled back, \(running - done) instances to update"))
        }
    }

    /// A UUID-shaped suffix from the seed, as CloudWatch appends to target-tracking alarm names.
    static func uuid(seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed, stream: 7)
        let hex = (0..<2).map { _ in String(rng.next(), radix: 16) }.map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
        let c = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }
}
