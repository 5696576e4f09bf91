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

    /// The configuration file, when one was named; its errors are one line for the user.
    func loadConfig() throws -> FleetConfig? {
        guard let config else { return nil }
        do {
            return try FleetConfig.load(path: config)
        } catch {
            throw CLIError(String(describing: error))
        }
    }

    /// The live sources and the poller that runs them, refreshing every `refresh` seconds, with
    /// `prefill` seconds of simulated history (default: the window, at most an hour).
    func makeLive(now: Date, refresh: TimeInterval, windowSeconds: Int, prefill: TimeInterval? = nil) throws -> LiveSources {
        let prefill = prefill ?? TimeInterval(min(windowSeconds, 3600))
        if let config = try loadConfig() {
            let poller: Poller
            do {
                poller = try SourceRegistry.linked.poller(for: config, now: now, mockPrefill: prefill)
            } catch {
                throw CLIError(String(describing: error))
            }
            let initial = try runBlocking { await poller.state }
            let descriptions = config.sources.map { RecordingHeader.Source(name: $0.name, detail: "kind \($0.kind)") }
            return LiveSources(poller: poller, initialState: initial, descriptions: descriptions)
        }
        let fleet = FleetInfo.erato
        let start = SourceOptions.minute(startDate ?? now)
        let mock = MockSource(scenario: effectiveScenario, seed: seed, start: start, speed: effectiveSpeed,
                              fleet: fleet, prefill: prefill)
        let state = FleetState(time: start, fleet: fleet)
        return LiveSources(poller: Poller(state: state, sources: [ScheduledSource(mock, every: refresh)]),
                           initialState: state,
                           descriptions: [RecordingHeader.Source(name: mock.name, detail: "\(mock.detail) seed \(seed)")])
    }

    /// Runs the sources headless for `seconds` of (simulated) time and returns where they end.
    /// Without `--start`, the run ends at the current minute. With `--config`, every source is
    /// polled once, mock sources starting with `seconds` of history.
    func runHeadless(seconds: TimeInterval, now: Date) throws -> FleetState {
        if let config = try loadConfig() {
            let poller: Poller
            do {
                poller = try SourceRegistry.linked.poller(for: config, now: now, mockPrefill: seconds)
            } catch {
                throw CLIError(String(describing: error))
            }
            return try runBlocking {
                await poller.pollOnce(now: now)
                return await poller.state
            }
        }
        let start = SourceOptions.minute(startDate ?? now.addingTimeInterval(-seconds))
        return FleetSimulator.run(scenario: effectiveScenario, seed: seed, start: start, for: seconds)
    }
}
