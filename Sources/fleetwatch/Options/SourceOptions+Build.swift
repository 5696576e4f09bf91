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

    /// The configuration file, when one was named; its errors are one line for the user.
    func loadConfig() throws -> FleetConfig? {
        guard let config else { return nil }
        do {
            return try FleetConfig.load(path: config)
        } catch let error as ConfigError {
            throw CLIError(error.description)
        }
    }

    /// The live sources and the poller that runs them, refreshing every `refresh` seconds.
    func makePoller(now: Date, refresh: TimeInterval, windowSeconds: Int) throws -> Poller {
        if let config = try loadConfig() {
            do {
                return try SourceFactory.poller(for: config, now: now, mockPrefill: TimeInterval(min(windowSeconds, 3600)))
            } catch {
                throw CLIError(String(describing: error))
            }
        }
        let fleet = FleetInfo.erato
        let start = SourceOptions.minute(startDate ?? (isDemo ? Self.demoStart : now))
        let prefill = isDemo ? Self.demoPrefill : TimeInterval(min(windowSeconds, 3600))
        let mock = MockSource(scenario: effectiveScenario, seed: seed, start: start, speed: effectiveSpeed,
                              fleet: fleet, prefill: prefill)
        let state = FleetState(time: start, fleet: fleet)
        return Poller(state: state, sources: [ScheduledSource(mock, every: refresh)])
    }

    /// Runs the sources headless for `seconds` of (simulated) time and returns where they end.
    /// Without `--start`, the run ends at the current minute. With `--config`, every source is
    /// polled once, mock sources starting with `seconds` of history.
    func runHeadless(seconds: TimeInterval, now: Date) throws -> FleetState {
        if let config = try loadConfig() {
            let poller: Poller
            do {
                poller = try SourceFactory.poller(for: config, now: now, mockPrefill: seconds)
            } catch {
                throw CLIError(String(describing: error))
            }
            return blocking { await poller.pollOnce(now: now); return await poller.state }
        }
        let start = SourceOptions.minute(startDate ?? now.addingTimeInterval(-seconds))
        return FleetSimulator.run(scenario: effectiveScenario, seed: seed, start: start, for: seconds)
    }
}

/// Runs async work to completion from synchronous command-line code (never from a task).
func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {  // written once before the semaphore signals
    var value: T?
}
