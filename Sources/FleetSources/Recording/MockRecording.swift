import FleetCore
import Foundation

/// A headless recording of the simulator: ``MockSource`` at speed 1 behind a ``Poller``, driven
/// by ``HeadlessRecording`` through simulated time as fast as it runs. The same arguments always
/// write the same bytes (`fleetwatch record --headless --source mock …`, the built-in demo).
public struct MockRecording: Sendable, Hashable {
    public var scenario: Scenario
    public var seed: UInt64
    /// Where the recording starts (rounded down to the minute); the scenario's minute 0 is
    /// `start - prefill`.
    public var start: Date
    /// Simulated history the first poll already carries.
    public var prefill: TimeInterval
    public var duration: TimeInterval
    /// Simulated seconds between polls.
    public var interval: TimeInterval
    public var fleet: FleetInfo

    public init(scenario: Scenario, seed: UInt64, start: Date, prefill: TimeInterval = 0,
                duration: TimeInterval, interval: TimeInterval = 10, fleet: FleetInfo = .erato) {
        self.scenario = scenario
        self.seed = seed
        self.start = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / 60).rounded(.down) * 60)
        self.prefill = prefill
        self.duration = duration
        self.interval = interval
        self.fleet = fleet
    }

    /// Writes the recording to `path`. Returns the writer (line and byte counts).
    @discardableResult
    public func write(to path: String) async throws -> RecordingWriter {
        let label = "mock:\(scenario.rawValue) seed \(seed)"
        let source = MockSource(scenario: scenario, seed: seed, start: start, speed: 1, fleet: fleet, prefill: prefill,
                                detail: label)
        let state = FleetState(time: start, fleet: fleet)
        let poller = Poller(state: state, sources: [ScheduledSource(source, every: interval)])
        let header = HeadlessRecording.header(
            fleet: fleet, sources: [RecordingHeader.Source(name: source.name, detail: label)],
            start: start, state: state)
        let writer = try RecordingWriter(path: path, header: header)
        await HeadlessRecording.run(poller: poller, writer: writer, start: start, duration: duration, interval: interval)
        writer.close()
        if let error = writer.error { throw RecordingWriter.Failure(description: error) }
        return writer
    }
}
