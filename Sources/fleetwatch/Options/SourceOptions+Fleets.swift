import FleetApp
import FleetCore
import FleetSources
import Foundation
import Synchronization

/// Several fleets' live sources: a poller per fleet, and what the overview starts from.
struct LiveFleets {
    var config: FleetConfig
    var initialStates: [FleetState]
    var accounts: [String?]
    /// The feed: the pollers, and with `discover:` the discovery run again on its schedule.
    var feed: any FleetsFeed

    /// The pollers of a feed that does not re-discover (`record`: a recording's header names its
    /// fleets once); empty for a ``RediscoveringFeed``, which alone holds its pollers.
    var pollers: [Poller] { (feed as? PollersFeed)?.pollers ?? [] }

    /// What a recording's header says of each fleet's sources: name and kind (nothing secret).
    var sourceDescriptions: [[RecordingHeader.Source]] {
        config.fleets.map { $0.sources.map { RecordingHeader.Source(name: $0.name, detail: "kind \($0.kind)") } }
    }

    /// The header of a recording of these fleets starting at `start`.
    func recordingHeader(start: Date) -> FleetsRecordingHeader {
        FleetsRecordingHeader.of(initialStates, accounts: accounts, sources: sourceDescriptions, start: start)
    }
}

extension SourceOptions {
    /// The history each of `--fleets N`'s fleets keeps: 240 fleet-hours shared out, at least an hour
    /// (the default window) and at most a day — a day for up to 10 fleets, 6 h for 40, 72 min for
    /// 200 — so that 200 fleets stay within the overview's 60 MB budget (BENCHMARKS.md: a simulated
    /// fleet costs about 32 KB an hour of history). A configuration's `history:` rules its own fleets.
    static func simulatedHistory(fleets: Int) -> TimeInterval {
        min(FleetConfig.defaultHistory, max(3600, (240 * 3600 / TimeInterval(max(1, fleets)) / 60).rounded(.down) * 60))
    }

    /// The fleets of `--fleets N` or of `file` (the configuration, read once by the command) when it
    /// names several (after `discover:`), or nil for one fleet.
    /// `prefill`: seconds of simulated history (default: the window, at most an hour). Without
    /// `rediscover`, `discover:` runs once (`record`).
    func makeFleets(file: FleetConfig?, now: Date, refresh: TimeInterval, windowSeconds: Int,
                    prefill: TimeInterval? = nil, rediscover: Bool = true) throws -> LiveFleets? {
        let config: FleetConfig
        if let fleets {
            config = try simulatedFleets(fleets, refresh: refresh)
        } else if let file, file.isMultiFleet {
            config = try Discovery.resolveBlocking(file)
        } else {
            return nil
        }
        let prefill = prefill ?? TimeInterval(min(windowSeconds, 3600))
        let pollers = try config.fleets.map {
            try SourceRegistry.linked.poller(for: $0, in: config, now: now, mockPrefill: prefill)
        }
        var feed: any FleetsFeed = PollersFeed(pollers)
        if rediscover, let file, fleets == nil, let rerun = try Discovery.rerun(file) {
            feed = RediscoveringFeed(
                pollers: pollers, discovered: DiscoveredFleets(fleets: config.fleets, listed: file.fleets.count),
                every: rerun.every, rediscover: rerun.run,
                makePoller: { try SourceRegistry.linked.poller(for: $0, in: config, now: Date(), mockPrefill: prefill) })
        }
        return LiveFleets(config: config, initialStates: pollers.map(\.initialState),
                          accounts: config.fleets.map(\.account), feed: feed)
    }

    /// `--fleets N` with `--seed`, `--speed` and `--start`.
    func simulatedFleets(_ count: Int, refresh: TimeInterval) throws -> FleetConfig {
        var config = try SimulatedFleets.config(count: count, seed: seed, refresh: refresh, speed: effectiveSpeed, start: start)
        config.history = Self.simulatedHistory(fleets: count)
        return config
    }

    /// Runs every fleet's sources headless for `seconds` of simulated time (`snapshot`), in order.
    func runFleetsHeadless(file: FleetConfig?, seconds: TimeInterval, now: Date) async throws -> (states: [FleetState], accounts: [String?])? {
        let config: FleetConfig
        if let fleets {
            config = try simulatedFleets(fleets, refresh: 1)
        } else if let file, file.isMultiFleet {
            config = try await Discovery.resolve(file)
        } else {
            return nil
        }
        var states: [FleetState] = []
        for entry in config.fleets {
            let poller = try SourceRegistry.linked.poller(for: entry, in: config, now: now, mockPrefill: seconds)
            await poller.pollOnce(now: now)
            if let bad = await poller.inputErrors.values.first { throw bad }
            states.append(await poller.state)
        }
        return (states, config.fleets.map(\.account))
    }
}

extension Discovery {
    /// ``resolve(_:)`` from synchronous code (the dashboard's main thread, before the terminal opens).
    static func resolveBlocking(_ config: FleetConfig) throws -> FleetConfig {
        guard config.discover != nil else { return config }
        let result = Mutex<Result<FleetConfig, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let r: Result<FleetConfig, any Error>
            do { r = .success(try await resolve(config)) } catch { r = .failure(error) }
            result.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
