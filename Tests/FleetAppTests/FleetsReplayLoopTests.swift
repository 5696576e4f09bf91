import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import FleetTestSupport
import Foundation
import Testing

/// The loop playing a recording of several fleets: one replay clock for all, keys from the overview
/// and from an opened fleet, on the fake backend and clock.
@Suite("The loop replaying several fleets")
struct FleetsReplayLoopTests {
    static let start = Date(timeIntervalSince1970: 1_767_618_000)  // 2026-01-05T13:00:00Z

    /// 30 minutes of three simulated fleets (alpha's zone b goes dark and its alarm fires), recorded
    /// headless into one file and read back.
    static let recording = Task { () throws -> FleetsRecording in
        let infos = ["alpha", "beta", "gamma"].map {
            FleetInfo(name: $0, region: "us-east-1", zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
                      loadBalancer: $0 + "-alb", autoScalingGroup: $0 + "-asg")
        }
        let scenarios: [Scenario] = [.azOutage, .steady, .steady]
        let pollers = infos.indices.map { i in
            Poller(state: FleetState(time: start, fleet: infos[i], seriesCapacity: 120),
                   sources: [ScheduledSource(MockSource(scenario: scenarios[i], seed: 7, start: start, fleet: infos[i],
                                                        prefill: 600), every: 10)])
        }
        let path = TemporaryDirectory.path("loop-fleets.fwrec")
        let writer = try RecordingWriter(path: path, header: FleetsRecordingHeader.of(
            pollers.map(\.initialState), accounts: ["prod", nil, "dev"], sources: [[], [], []], start: start))
        await HeadlessRecording.run(pollers: pollers, writer: writer, start: start, duration: 1800, interval: 10)
        writer.close()
        guard case .fleets(let recording) = try RecordingReader.readFile(path: path) else {
            throw InputError(file: path, line: 1, message: "not several fleets")
        }
        return recording
    }

    func run(_ steps: [FakeBackend.Step]) async throws -> (DashboardLoop, FakeBackend, Int32, FleetsRecording) {
        let recording = try await Self.recording.value
        let clock = FakeClock(Self.start)
        let backend = FakeBackend(width: 160, height: 48, clock: clock, steps: steps)
        let player = FleetsReplayPlayer(recording, speed: 60)
        let state = DashboardState(fleet: player.states[0], now: Self.start, width: 160, height: 48)
        var loop = DashboardLoop(state: state, feed: .fleetsReplay(player), clock: clock)
        loop.overview = OverviewState(fleets: player.states, accounts: player.accounts, dashboard: state)
        loop.onAlarm = OnAlarm(bell: true)  // replay never performs it
        let status = loop.run(on: backend)
        return (loop, backend, status, recording)
    }

    @Test("keys in the overview and in an opened fleet move every fleet on the one clock; status shows")
    func keysMoveEveryFleet() async throws {
        let (loop, backend, status, recording) = try await run([
            .input([.key(.char(" "))]),                  // pause at the start
            .input([.key(.right)]), .input([.key(.right)]),  // ×60: 6 minutes a step
            .input([.key(.char(":"))]), .input("beta".map { .key(.char($0)) }), .input([.key(.enter)]),
            .input([.key(.enter)]),                      // open beta
            .input([.key(.right)]),                      // 18 minutes, from the opened fleet
            .input([.key(.escape)]),                     // back to the overview
            .input([.key(.char("q"))]),
        ])
        #expect(status == 0)
        var expected = FleetsReplayPlayer(recording)
        expected.seek(to: Self.start.addingTimeInterval(18 * 60))
        let overview = try #require(loop.overview)
        #expect(overview.fleets == expected.states)
        #expect(overview.dashboard.replay == ReplayStatus(elapsed: 18 * 60, duration: 1800, speed: 60, paused: true))
        let headers = backend.frames.map { $0.canvas.lines[0] }
        #expect(headers.contains { $0.contains("3 fleets") && $0.contains("PAUSED  replay 00:12:00 / 00:30:00 ×60") })
        #expect(headers.contains { $0.contains("beta · us-east-1") && $0.contains("PAUSED  replay 00:18:00 / 00:30:00 ×60") })
        #expect(backend.lastLines[0].contains("3 fleets") && backend.lastLines[0].contains("replay 00:18:00"))
        #expect(backend.lastLines[47].contains("[ ] speed"))
    }

    @Test("playing to the end: every fleet at the end, alpha's alarm went to ALARM, and no bell (no on_alarm in replay)")
    func playsToTheEnd() async throws {
        let (loop, backend, _, recording) = try await run([.waitUntil(40), .input([.key(.char("q"))])])
        let overview = try #require(loop.overview)
        #expect(overview.fleets == recording.fleets.indices.map { ReplayTimeline(recording.recording(of: $0)).state(at: recording.end) })
        #expect(overview.summaries[0].worstAlarm == .alarm)
        #expect(backend.lastLines[0].contains("replay 00:30:00 / 00:30:00 ×60 END"))
        #expect(backend.bells == 0)
    }
}
