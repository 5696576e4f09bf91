import FleetCore
import FleetSources
import Foundation

extension SourceOptions {
    /// The demo: the AZ outage at ×20, starting 15 simulated minutes before the outage begins'
    /// build-up, so it unfolds within the first minutes.
    static let demoScenario = Scenario.azOutage
    static let demoSpeed = 20.0
    static let demoPrefill: TimeInterval = 15 * 60

    var effectiveScenario: Scenario { scenario ?? (isDemo ? Self.demoScenario : .steady) }
    var effectiveSpeed: Double { speed ?? (isDemo ? Self.demoSpeed : 1) }

    /// The live sources and the poller that runs them, refreshing every `refresh` seconds.
    func makePoller(now: Date, refresh: TimeInterval, windowSeconds: Int) -> Poller {
        let fleet = FleetInfo.erato
        let start = SourceOptions.minute(startDate ?? now)
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
