import FleetCore
import FleetDashboard
import FleetSources
import Foundation
import Testing

/// Opt-in: `FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1 swift test -c release --filter ReplayBenchmark`. Records 24 hours of
/// `traffic-spike` at a 1-minute poll cadence, then measures the file, loading, seeking and frames.
@Suite("Replay benchmark", .enabled(if: ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1"), .integration)
struct ReplayBenchmarkTests {
    @Test func dayLongRecording() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fw-bench-\(getpid()).fwrec").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        let recipe = MockRecording(scenario: .trafficSpike, seed: 1, start: Date(timeIntervalSince1970: 1_767_618_000 - 15 * 60),
                                   prefill: 0, duration: 86400, interval: 60)
        let writeTime = try await clock.measure { try await recipe.write(to: path) }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        var recording: Recording?
        let readTime = try clock.measure { recording = try RecordingReader.read(path: path) }
        var timeline: ReplayTimeline?
        let buildTime = clock.measure { timeline = ReplayTimeline(recording!) }
        var player = ReplayPlayer(timeline: timeline!, speed: 600)
        var rng = SystemRandomNumberGenerator()
        var seeks: [Duration] = []
        for _ in 0..<200 {
            let to = timeline!.start.addingTimeInterval(Double.random(in: 0...86400, using: &rng))
            seeks.append(clock.measure { player.seek(to: to) })
        }
        seeks.sort()
        let worstSeek = seeks.last!
        // ×600 at 10 frames a second: each frame moves 60 s of recording and draws 160×48.
        player.seek(to: timeline!.start)
        var worstFrame = Duration.zero
        var frames = 0
        while !player.atEnd {
            worstFrame = max(worstFrame, clock.measure {
                player.advance(wallSeconds: 0.1)
                _ = DashboardState(fleet: player.state, now: player.position, width: 160, height: 48).view()
            })
            frames += 1
        }
        let maxInstances = recording!.updates.compactMap { $0.update.instances?.count }.max() ?? 0
        print("bench: 24h traffic-spike, \(recording!.updates.count) lines, \(size) bytes, up to \(maxInstances) instances;",
              "write \(writeTime), read \(readTime), checkpoints \(buildTime), seek median \(seeks[100]) worst \(worstSeek) (200 random),",
              "worst ×600 frame \(worstFrame) over \(frames) frames")
        #expect(size < 20_000_000)
        #expect(worstSeek < .milliseconds(100))
        #expect(worstFrame < .milliseconds(100))
    }
}
