import FleetCore
import Foundation

extension FleetSimulator {
    /// The target-tracking targets drawn on the CPU and requests-per-target panels.
    public var targetLines: [TargetLine] {
        [TargetLine(metric: .cpu, value: policy.targetValue, label: "target \(Int(policy.targetValue))%"),
         TargetLine(metric: .requestsPerTarget, value: 1000, label: "target 1000/target")]
    }

    /// Time of the newest datapoint produced so far (the start of the last finished minute).
    public var newestData: Date? {
        elapsed < 60 ? nil : start.addingTimeInterval(TimeInterval(elapsed / 60 * 60 - 60))
    }

    /// Datapoints and events new since the previous call, and the instances, alarms and targets
    /// when they changed since (the first call carries all three; a call with nothing new carries
    /// only the time). Applying every update in order gives the same ``FleetState`` as applying a
    /// full picture each time.
    public mutating func drainUpdate() -> FleetUpdate {
        var update = FleetUpdate(time: now, metrics: output.drain(), events: pendingEvents)
        if !pendingEvents.isEmpty { pendingEvents.removeAll() }
        if !delivered.targets {
            update.targets = targetLines
            delivered.targets = true
        }
        if !delivered.alarms {
            update.alarms = alarms
            delivered.alarms = true
        }
        // The instances change only in a step: only then is their look compared (no strings built).
        if delivered.instancesAt != elapsed {
            delivered.instancesAt = elapsed
            let look = members.map(\.look)
            if look != delivered.instances {
                delivered.instances = look
                update.instances = instances
            }
        }
        return update
    }

    /// ``drainUpdate()`` with the status the simulator reports now (``status(detail:)``). One
    /// mutating call: a non-mutating call on a simulator held by a class or actor (``MockSource``)
    /// copies the whole simulator first.
    public mutating func drainUpdate(detail: String) -> FleetUpdate {
        var update = drainUpdate()
        update.status = status(detail: detail)
        return update
    }

    /// What ``drainUpdate()`` handed out last.
    struct Delivered: Sendable {
        var targets = false
        var alarms = false
        /// The simulated second the instances were last compared at, and their look then.
        var instancesAt = -1
        var instances: [SimulatedInstance.Look]?
    }

    /// The alarms the simulator evaluates: the health-check alarm.
    public var alarms: [AlarmStatus] {
        [healthAlarm]
    }

    /// Simulates `seconds` more, as fast as it can, merging everything into `state`.
    public mutating func run(for seconds: TimeInterval, into state: inout FleetState) {
        let end = now.addingTimeInterval(seconds)
        var next = now
        repeat {
            // An hour at a time keeps the undelivered output small.
            next = min(end, next.addingTimeInterval(3600))
            advance(to: next)
            state.apply(drainUpdate())
        } while next < end
    }

    /// A fresh simulation of `scenario` from `start` for `seconds`, as the fleet state a poller
    /// would have built (for `fleetwatch snapshot --after SECONDS` and tests).
    public static func run(scenario: Scenario, seed: UInt64, start: Date, for seconds: TimeInterval,
                           fleet: FleetInfo = .erato) -> FleetState {
        var simulator = FleetSimulator(scenario: scenario, seed: seed, start: start, fleet: fleet)
        var state = FleetState(time: simulator.start, fleet: fleet)
        simulator.run(for: seconds, into: &state)
        state.apply(FleetUpdate(status: simulator.status(detail: "mock:\(scenario.rawValue) headless")))
        return state
    }

    /// The source status the simulator would report now.
    public func status(detail: String) -> SourceStatus {
        SourceStatus(name: "mock", detail: detail, health: .ok, lastSuccess: now, newestData: newestData)
    }
}
