import FleetCore
import FleetSources
import Foundation

/// The live sources a poller runs, its starting state, and what the recording header says of them.
struct LiveSources {
    var poller: Poller
    var initialState: FleetState
    var descriptions: [RecordingHeader.Source]
}

extension SourceOptions {
    var effectiveScenario: Scenario { scenario ?? .steady }
    var effectiveSpeed: Double { speed ?? 1 }

    /// The live sources and the poller that runs them, refreshing every `refresh` seconds, with
    /// `prefill` seconds of history (default: the window, at most an hour).
    func makeLive(now: Date, refresh: TimeInterval, windowSeconds: Int, prefill: TimeInterval? = nil) -> LiveSources {
        let fleet = FleetInfo.erato
        let start = SourceOptions.minute(startDate ?? now)
        let mock = MockSource(scenario: effectiveScenario, seed: seed, start: start, speed: effectiveSpeed,
                              fleet: fleet, prefill: prefill ?? TimeInterval(min(windowSeconds, 3600)))
        let state = FleetState(time: start, fleet: fleet)
        return LiveSources(poller: Poller(state: state, sources: [ScheduledSource(mock, every: refresh)]),
                           initialState: state,
                           descriptions: [RecordingHeader.Source(name: mock.name, detail: "\(mock.detail) seed \(seed)")])
    }

    /// Runs the simulator headless for `seconds` of simulated time and returns where it ends.
    /// Without `--start`, the run ends at the current minute.
    func runHeadless(seconds: TimeInterval, now: Date) -> FleetState {
        let start = SourceOptions.minute(startDate ?? now.addingTimeInterval(-seconds))
        return FleetSimulator.run(scenario: effectiveScenario, seed: seed, start: start, for: seconds)
    }
}
