import FleetCore
import Foundation

/// The simulator behind the ``MetricSource`` protocol, for the live dashboard and demos.
///
/// Simulated time runs `speed` times as fast as wall time: the first poll fixes the wall clock's
/// origin, and a poll at wall time `now` advances the simulation to
/// `start + (now - firstPoll) × speed`. With `prefill`, the simulation begins that many simulated
/// seconds before `start`, so the first poll already carries that much history (the scenario's
/// minute 0 is then `start - prefill`).
public actor MockSource: MetricSource {
    public nonisolated let name = "mock"
    /// The simulation is pure computation: a poll never waits (``PollerDriver`` steps it in turn).
    public nonisolated var answersAtOnce: Bool { true }
    public nonisolated let scenario: Scenario
    public nonisolated let speed: Double
    /// The simulated time at the first poll.
    public nonisolated let start: Date
    private var simulator: FleetSimulator
    private var wallStart: Date?
    /// `mock:<scenario> ×<speed>` or the detail given at init, made once (every poll reports it).
    public nonisolated let detail: String

    public init(scenario: Scenario, seed: UInt64, start: Date, speed: Double = 1,
                fleet: FleetInfo = .erato, prefill: TimeInterval = 0, detail: String? = nil,
                policy: TargetTrackingPolicy = .erato) {
        precondition(speed > 0 && speed.isFinite, "speed must be positive")
        precondition(prefill >= 0, "prefill must not be negative")
        self.scenario = scenario
        self.speed = speed
        self.start = start
        self.detail = detail ?? Self.detail(scenario: scenario, speed: speed)
        self.simulator = FleetSimulator(scenario: scenario, seed: seed,
                                        start: start.addingTimeInterval(-prefill), fleet: fleet, policy: policy)
    }

    /// `mock:<scenario> ×<speed>`.
    public static func detail(scenario: Scenario, speed: Double) -> String {
        let s = speed == speed.rounded() && speed < 1e15 ? String(Int(speed)) : String(speed)
        return "mock:\(scenario.rawValue) ×\(s)"
    }

    /// The simulated time a poll at wall time `now` advances to.
    public func simulatedTime(at now: Date) -> Date {
        let origin = wallStart ?? now
        return start.addingTimeInterval(max(0, now.timeIntervalSince(origin)) * speed)
    }

    public func poll(now: Date) async throws -> FleetUpdate {
        if wallStart == nil { wallStart = now }
        simulator.advance(to: simulatedTime(at: now))
        return simulator.drainUpdate(detail: detail)
    }
}
