import FleetCore
import FleetTestSupport
import Testing
import Foundation
@testable import FleetSources

enum RecordingFixture {
    /// Records a mock run like `record --headless` and keeps the live poller's state after every poll.
    static func recordLive(scenario: Scenario = .azOutage, seed: UInt64 = 7, minutes: Int = 40,
                           interval: TimeInterval = 10, path: String) async throws -> [(Date, FleetState)] {
        let start = Fixture.afternoon
        let source = MockSource(scenario: scenario, seed: seed, start: start, prefill: 600)
        let initial = FleetState(time: start, fleet: .erato)
        let poller = Poller(state: initial, sources: [ScheduledSource(source, every: interval)])
        let writer = try RecordingWriter(path: path, header: HeadlessRecording.header(
            fleet: .erato, sources: [.init(name: "mock", detail: source.detail)], start: start, state: initial))
        await poller.observe { t, update in writer.record(t: t, update: update) }
        var states: [(Date, FleetState)] = []
        for step in 0...(minutes * 60 / Int(interval)) {
            let now = start.addingTimeInterval(Double(step) * interval)
            await poller.pollOnce(now: now)
            states.append((now, await poller.state))
        }
        writer.close()
        return states
    }

    /// One 60-minute az-outage recording (and the live states) shared by the round-trip and seek tests.
    static let shared = Task { () throws -> (path: String, live: [(Date, FleetState)]) in
        let path = TemporaryDirectory.path("shared.fwrec")
        return (path, try await recordLive(minutes: 60, path: path))
    }

    /// The lines of a file, split on newlines (the last one empty when the file ends with one).
    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    }
}

/// The recording suites run one test at a time: they are CPU-heavy in debug builds, and on a
/// 2-core machine running them side by side starves the timing-sensitive poller tests.
@Suite(.serialized) enum RecordingSuites {}
