import FleetCore
import FleetSources
import Foundation

/// The live sources a poller runs, its starting state, and what the recording header says of them.
struct LiveSources {
    var poller: Poller
    var initialState: FleetState
    var descriptions: [RecordingHeader.Source]
    /// The configuration file they came from (read once; the dashboard takes its `keys:` and `mouse:`).
    var configFile: FleetConfig?
}

extension SourceOptions {
    var effectiveScenario: Scenario { scenario ?? .steady }
    var effectiveSpeed: Double { speed ?? 1 }

    /// The configuration file, when one was named; its errors are one line for the user.
    func loadConfig() throws -> FleetConfig? {
        try config.map { try FleetConfig.load(path: $0) }
    }

    /// The configuration file's, or the command line's one mock source (`--scenario`, `--seed`,
    /// `--speed`, `--start`), polled every `refresh` seconds: both built by their registered kind.
    func sourcesConfig(file: FleetConfig?, refresh: TimeInterval) throws -> FleetConfig {
        if let file { return file }
        var settings = [("kind", "mock"), ("scenario", effectiveScenario.rawValue), ("seed", String(seed)),
                        ("speed", String(effectiveSpeed))]
        if let start { settings.append(("start", start)) }
        return try FleetConfig.single(source: settings, refresh: refresh)
    }

    /// The live sources and the poller that runs them, refreshing every `refresh` seconds, with
    /// `prefill` seconds of simulated history (default: the window, at most an hour).
    /// `file` is the configuration the command read (``loadConfig()``), or nil.
    func makeLive(file: FleetConfig?, now: Date, refresh: TimeInterval, windowSeconds: Int,
                  prefill: TimeInterval? = nil) throws -> LiveSources {
        let prefill = prefill ?? TimeInterval(min(windowSeconds, 3600))
        let config = try sourcesConfig(file: file, refresh: refresh)
        let poller = try SourceRegistry.linked.poller(for: config, now: now, mockPrefill: prefill)
        let descriptions = self.config == nil
            ? [RecordingHeader.Source(name: "mock", detail: "\(MockSource.detail(scenario: effectiveScenario, speed: effectiveSpeed)) seed \(seed)")]
            : config.sources.map { RecordingHeader.Source(name: $0.name, detail: "kind \($0.kind)") }
        return LiveSources(poller: poller, initialState: poller.initialState, descriptions: descriptions,
                           configFile: file)
    }

    /// Runs the sources headless for `seconds` of (simulated) time and returns where they end.
    /// Without `--start`, the run ends at the current minute. With `--config`, every source is
    /// polled once, mock sources starting with `seconds` of history.
    func runHeadless(file: FleetConfig?, seconds: TimeInterval, now: Date) async throws -> FleetState {
        if let config = file {
            let poller = try SourceRegistry.linked.poller(for: config, now: now, mockPrefill: seconds)
            await poller.pollOnce(now: now)
            if let bad = await poller.inputErrors.values.first { throw bad }  // a bad file is bad input: exit 2
            return await poller.state
        }
        let start = SourceOptions.minute(startDate ?? now.addingTimeInterval(-seconds))
        return FleetSimulator.run(scenario: effectiveScenario, seed: seed, start: start, for: seconds)
    }
}
