import FleetCore
import FleetSources
import Foundation

extension SourceOptions {
    /// The demo: the AZ outage at ×20 on a fixed weekday afternoon (when the fleet is busy enough
    /// for the outage to push CPU over the target and scale out), with 15 simulated minutes of
    /// history, so the outage starts within seconds and the same story plays every time.
    static let demoScenario = Scenario.azOutage
    static let demoSpeed = 20.0
    static let demoPrefill: TimeInterval = 15 * 60
    static let demoStart = Date(timeIntervalSince1970: 1_767_618_000)  // 2026-01-05T13:00:00Z

    var effectiveScenario: Scenario { scenario ?? (isDemo ? Self.demoScenario : .steady) }
    var effectiveSpeed: Double { speed ?? (isDemo ? Self.demoSpeed : 1) }

    /// The live sources and the poller that runs them, refreshing every `refresh` seconds.
    func makePoller(now: Date, refresh: TimeInterval, windowSeconds: Int) -> Poller {
        let fleet = FleetInfo.erato
        let start = SourceOptions.minute(startDate ?? (isDemo ? Self.demoStart : now))
        let prefill = isDemo ? Self.demoPrefill : TimeInterval(min(windowSeconds, 3600))
        let mock = MockSource(scenario: effectiveScenario, seed: seed, start: start, speed: effectiveSpeed,
                              fleet: fleet, prefill: prefill)
        let state = FleetState(time: start, fleet: fleet)
        return Poller(state: state, sources: [ScheduledSource(mock, every: refresh)])
    }

    /// Runs the simulator headless for `seconds` of simulated time and returns where it ends.
    /// Without `--start`, the run ends at the current minute.
    func runHeadless(seconds: TimeInterval, now: Date) -> FleetState {
        let start = SourceOptions.minute(startDate ?? now.addingTimeInterval(-seconds))
        return FleetSimulator.run(scenario: effectiveScenario, seed: seed, start: start, for: seconds)
    }
}
