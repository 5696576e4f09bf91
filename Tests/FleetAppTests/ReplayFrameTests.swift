import FleetCore
import FleetDashboard
import FleetSources
import FleetTestSupport
import Foundation
import Testing

@Suite("Replay feeds the dashboard")
struct ReplayFrameTests {
    @Test("a replayed frame is the live frame at the same moment")
    func replayedFrameIsLiveFrame() async throws {
        let start = Date(timeIntervalSince1970: 1_764_432_000)  // 2025-11-29T16:00:00Z
        let path = TemporaryDirectory.path("replay.fwrec")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = MockSource(scenario: .azOutage, seed: 7, start: start, prefill: 600)
        let initial = FleetState(time: start, fleet: .erato)
        let poller = Poller(state: initial, sources: [ScheduledSource(source, every: 10)])
        let writer = try RecordingWriter(path: path, header: HeadlessRecording.header(
            fleet: .erato, sources: [.init(name: "mock", detail: source.detail)], start: start, state: initial))
        await poller.observe { t, update in writer.record(t: t, update: update) }
        var live: [(Date, FleetState)] = []
        for step in 0...180 {  // 30 minutes: 1b goes dark at minute 10 of the recording
            let now = start.addingTimeInterval(Double(step) * 10)
            await poller.pollOnce(now: now)
            if step < 180 && (step % 30 == 0 || step == 77) { live.append((now.addingTimeInterval(3), await poller.state)) }
        }
        writer.close()
        var player = ReplayPlayer(timeline: ReplayTimeline(try RecordingReader.read(path: path)))
        for (t, state) in live {
            player.seek(to: t)
            #expect(player.state == state)
            #expect(player.position == t)
            let liveView = DashboardState(fleet: state, now: t, width: 160, height: 48).view()
            let replayView = DashboardState(fleet: player.state, now: player.position, width: 160, height: 48).view()
            #expect(replayView.text == liveView.text, "frame at \(ISOTime.string(t))")
            #expect(replayView.cells == liveView.cells ? true : false, "styles at \(ISOTime.string(t))")
        }
    }
}
