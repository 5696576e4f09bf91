import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import Foundation
import Testing

@Suite("The loop with several fleets")
struct FleetsLoopTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func fleet(_ name: String, alarm: AlarmState?) -> FleetState {
        let info = FleetInfo(name: name, region: "us-east-1", zones: ["us-east-1a"], loadBalancer: name + "-alb",
                             autoScalingGroup: name + "-asg")
        var state = FleetState(time: start, fleet: info)
        if let alarm {
            state.alarms = [AlarmStatus(definition: .eratoHealthCheck(fleet: info), state: alarm, since: start)]
        }
        return state
    }

    func run(_ steps: [FakeBackend.Step], onAlarm: OnAlarm?) -> (DashboardLoop, FakeBackend, ManualFleetsFeed, Int32) {
        let clock = FakeClock(Self.start)
        let feed = ManualFleetsFeed()
        let backend = FakeBackend(clock: clock, steps: steps)
        backend.fleetsFeed = feed
        let fleets = [Self.fleet("alpha", alarm: .ok), Self.fleet("beta", alarm: .ok)]
        let state = DashboardState(fleet: fleets[0], now: Self.start, width: 80, height: 24)
        var loop = DashboardLoop(state: state, feed: .fleets(feed), clock: clock)
        loop.overview = OverviewState(fleets: fleets, dashboard: state)
        loop.onAlarm = onAlarm
        let status = loop.run(on: backend)
        return (loop, backend, feed, status)
    }

    @Test("states arrive by fleet; an alarm going to ALARM rings the bell once; open and back")
    func bellOncePerTransition() {
        let (loop, backend, feed, status) = run([
            .deliverFleet(1, Self.fleet("beta", alarm: .alarm)),
            .deliverFleet(1, Self.fleet("beta", alarm: .alarm)),
            .input([.key(.enter)]),
            .input([.key(.escape)]),
            .input([.key(.char("q"))]),
        ], onAlarm: OnAlarm(bell: true))
        #expect(status == 0)
        #expect(backend.bells == 1)
        #expect(feed.stopped)
        #expect(loop.overview?.summaries[1].worstAlarm == .alarm)
        // The frame after the alarm: beta first (worst first), in ALARM.
        let overviewFrames = backend.frames.map { $0.canvas.text }.filter { $0.contains("2 fleets") }
        #expect(overviewFrames.last?.components(separatedBy: "\n")[2].contains("beta") == true)
        // Enter opened beta's dashboard (the single-fleet header), Esc came back.
        #expect(backend.frames.contains { $0.canvas.lines[0].contains("beta · us-east-1") })
        #expect(backend.lastLines[0].contains("2 fleets"))
    }

    @Test("without on_alarm nothing rings")
    func noBell() {
        let (_, backend, _, _) = run([.deliverFleet(0, Self.fleet("alpha", alarm: .alarm)), .input([.key(.char("q"))])],
                                     onAlarm: nil)
        #expect(backend.bells == 0)
    }

    @Test("a fleet found later shows with its first state, one gone disappears, the notice says so")
    func fleetsComeAndGo() {
        let (loop, backend, _, status) = run([
            .changeFleets(FleetSetChange(added: [.init(id: 2, state: Self.fleet("gamma", alarm: nil))], removed: [0]),
                          then: [(2, Self.fleet("gamma", alarm: .alarm)), (0, Self.fleet("alpha", alarm: .alarm))]),
            .waitUntil(2),
            .input([.key(.char("q"))]),
        ], onAlarm: OnAlarm(bell: true))
        #expect(status == 0)
        #expect(loop.overview?.summaries.map(\.name) == ["beta", "gamma"])
        #expect(loop.overview?.ids == [1, 2])
        // gamma's first alarm state is its baseline; alpha's state came after it was removed: no bell.
        #expect(backend.bells == 0)
        #expect(loop.overview?.summaries[1].worstAlarm == .alarm)
        let last = backend.lastLines
        #expect(last[0].contains("2 fleets"))
        #expect(last.contains { $0.contains("gamma") })
        #expect(!last.dropLast().contains { $0.contains("alpha") })
        #expect(last.last?.contains("discover: new fleet gamma; alpha no longer found, removed") == true)
    }

    @Test("the mailbox asks for a wake-up only when it was empty")
    func mailboxWakesOnce() {
        let mailbox = FleetsMailbox()
        #expect(mailbox.put(Self.fleet("alpha", alarm: nil), at: 0))
        #expect(!mailbox.put(Self.fleet("beta", alarm: nil), at: 1))
        #expect(mailbox.takeAll().map(\.index) == [0, 1])
        #expect(mailbox.put(Self.fleet("beta", alarm: nil), at: 1))
    }
}

@Suite("on_alarm on one fleet")
struct SingleFleetAlarmTests {
    @Test("the live dashboard of one fleet rings once per change into ALARM, paused or not")
    func singleFleetBell() {
        let clock = FakeClock(FleetsLoopTests.start)
        let feed = ManualFeed()
        let ok = FleetsLoopTests.fleet("alpha", alarm: .ok)
        let alarm = FleetsLoopTests.fleet("alpha", alarm: .alarm)
        let backend = FakeBackend(clock: clock, steps: [
            .deliver(ok), .deliver(alarm), .deliver(alarm),
            .input([.key(.char(" "))]),  // paused: the screen holds, alarms still ring
            .deliver(ok), .deliver(alarm),
            .input([.key(.char("q"))]),
        ])
        backend.feed = feed
        let state = DashboardState(fleet: FleetState(time: FleetsLoopTests.start, fleet: ok.fleet),
                                   now: FleetsLoopTests.start, width: 80, height: 24)
        var loop = DashboardLoop(state: state, feed: .live(feed), clock: clock)
        loop.onAlarm = OnAlarm(bell: true)
        #expect(loop.run(on: backend) == 0)
        #expect(backend.bells == 2)
        #expect(loop.state.paused)
    }

    @Test("a replay rings nothing")
    func replayRingsNothing() throws {
        let clock = FakeClock(FleetsLoopTests.start)
        let timeline = ReplayTimeline(try BuiltinRecording.load())
        let backend = FakeBackend(clock: clock, steps: [.waitUntil(30), .input([.key(.char("q"))])])
        let state = DashboardState(fleet: timeline.state(after: 0), now: FleetsLoopTests.start, width: 80, height: 24)
        var loop = DashboardLoop(state: state, feed: .replay(ReplayPlayer(timeline: timeline, speed: 600)), clock: clock)
        loop.onAlarm = OnAlarm(bell: true)
        #expect(loop.run(on: backend) == 0)
        // The replay went through a change into ALARM (else this test would prove nothing)…
        var seen = timeline.state(after: 0).alarms
        var raised = 0
        for index in stride(from: 0, through: timeline.index(at: loop.state.now), by: 1) {
            let alarms = timeline.state(after: index).alarms
            raised += AlarmStatus.raised(from: seen, to: alarms).count
            seen = alarms
        }
        #expect(raised > 0)
        // …and rang nothing.
        #expect(backend.bells == 0)
    }
}
