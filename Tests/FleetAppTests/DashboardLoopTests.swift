import AlarmDefinitions
import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import FleetTestSupport
import Foundation
import Testing

@Suite("The dashboard loop on a fake terminal")
struct DashboardLoopTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    func liveLoop(_ steps: [FakeBackend.Step], width: Int = 160, height: Int = 48)
        -> (DashboardLoop, FakeBackend, ManualFeed, Int32) {
        let clock = FakeClock(Self.start)
        let feed = ManualFeed()
        let backend = FakeBackend(width: width, height: height, clock: clock, steps: steps, feed: feed)
        let state = DashboardState(fleet: FleetState(time: Self.start, fleet: .erato), now: Self.start, width: 80, height: 24)
        var loop = DashboardLoop(state: state, feed: .live(feed), clock: clock)
        let status = loop.run(on: backend)
        return (loop, backend, feed, status)
    }

    func replayLoop(_ steps: [FakeBackend.Step], speed: Double, scaling: ScalingSettings? = nil) throws
        -> (DashboardLoop, FakeBackend, Int32) {
        let clock = FakeClock(Self.start)
        let backend = FakeBackend(clock: clock, steps: steps)
        let player = ReplayPlayer(timeline: ReplayTimeline(try BuiltinRecording.load()), speed: speed)
        var state = DashboardState(fleet: player.state, now: Self.start, width: 80, height: 24)
        state.scaling = scaling
        var loop = DashboardLoop(state: state, feed: .replay(player), clock: clock)
        let status = loop.run(on: backend)
        return (loop, backend, status)
    }

    @Test("a live loop with `until` (record --duration) ends with status 0 at that wall time, not before")
    func endsAtDeadline() {
        let clock = FakeClock(Self.start)
        let feed = ManualFeed()
        let backend = FakeBackend(clock: clock, steps: [.waitUntil(3), .waitUntil(30)], feed: feed)
        let state = DashboardState(fleet: FleetState(time: Self.start, fleet: .erato), now: Self.start, width: 80, height: 24)
        var loop = DashboardLoop(state: state, feed: .live(feed), clock: clock)
        loop.until = Self.start.addingTimeInterval(5)
        #expect(loop.run(on: backend) == 0)
        let ended = clock.time.timeIntervalSince(Self.start)
        #expect(ended >= 5 && ended < 7)
        #expect(feed.stopped)
        // Without it, the same script runs to its end (the fake terminal then hangs up: SIGHUP).
        let (_, _, _, status) = liveLoop([.waitUntil(3), .waitUntil(30)])
        #expect(status == 128 + 1)
    }

    @Test("a burst of keys is applied in order and drawn once")
    func burst() {
        let keys: [Key] = [.char("t"), .char("g"), .tab, .char("+"), .char("+"), .char("s")]
        let (loop, backend, feed, status) = liveLoop([.input(keys.map(TerminalInput.key)), .input([.key(.char("q"))])])
        #expect(status == 0)
        #expect(backend.frames.count == 2)                   // the first frame, then the burst
        #expect(loop.state.themeIndex == 1 && loop.state.glyphs == .block && loop.state.focus == .requests)
        #expect(loop.state.windowSeconds == 900 && loop.state.requestsStacked)
        #expect(feed.stopped)
        #expect(backend.lastLines[0].contains("window 15m"))
    }

    @Test("a resize in the middle of a burst: the frame is drawn once, at the new size")
    func resizeMidFrame() {
        let (loop, backend, _, _) = liveLoop([
            .input([.key(.tab), .resize(width: 100, height: 30), .key(.enter)]),
            .input([.key(.char("q"))]),
        ])
        #expect(backend.frames.count == 2)
        #expect(backend.frames[0].canvas.width == 160)
        let last = backend.frames[1].canvas
        #expect(last.width == 100 && last.height == 30)
        #expect(loop.state.zoomed && loop.state.focus == .requests)
        #expect(backend.lastLines[2].contains("ALB requests"))
    }

    @Test("a resize too small, then back: the enlarge screen, then the panels")
    func tooSmallAndBack() {
        let (_, backend, _, _) = liveLoop([
            .input([.resize(width: 40, height: 10)]),
            .input([.resize(width: 120, height: 30)]),
            .input([.key(.char("q"))]),
        ])
        #expect(backend.frames[1].canvas.text.contains("enlarge to 64×18"))
        #expect(backend.frames[2].canvas.text.contains("Instances by AZ"))
    }

    struct BrokenSource: MetricSource {
        var name: String { "cw" }
        struct Failure: Error, CustomStringConvertible { var description: String { "access denied" } }
        func poll(now: Date) async throws -> FleetUpdate { throw Failure() }
    }

    @Test("a feed that fails: its error on the status line; the loop keeps going")
    func failingFeed() async {
        let poller = Poller(state: FleetState(time: Self.start, fleet: .erato), sources: [ScheduledSource(BrokenSource(), every: 10)])
        await poller.pollOnce(now: Self.start.addingTimeInterval(1))
        let failed = await poller.state
        let (_, backend, _, status) = liveLoop([.deliver(failed), .waitUntil(3), .input([.key(.char("q"))])])
        #expect(status == 0)
        let bottom = backend.frames[1].canvas.text.components(separatedBy: "\n").last ?? ""
        #expect(bottom.contains("cw: access denied"), "\(bottom)")
    }

    @Test("live, idle: the loop waits about a second at a time and draws nothing new")
    func idle() {
        let (_, backend, _, _) = liveLoop([.waitUntil(30), .input([.key(.char("q"))])])
        #expect(backend.frames.count == 1)
        #expect(backend.timeouts.count <= 32)
    }

    @Test("replay at ×600 reaches the end in 12 s of wall time, then stops drawing")
    func replayToEnd() throws {
        let (loop, backend, status) = try replayLoop([.waitUntil(15), .input([.key(.char("q"))])], speed: 600)
        #expect(status == 0)
        #expect(backend.lastLines[0].contains("replay 02:00:00 / 02:00:00 ×600 END"), "\(backend.lastLines[0])")
        let end = try #require(backend.frames.first { $0.canvas.text.contains("END") }?.time)
        #expect(end >= 11.5 && end <= 12.6, "reached the end at \(end) s")
        #expect((100...130).contains(backend.frames.count), "\(backend.frames.count) frames")
        #expect(!backend.frames.contains { $0.time > end + 0.01 })   // nothing drawn once at the end
        #expect(loop.state.replay?.atEnd == true)
    }

    @Test("replay keys reach the player: pause stops the clock, End jumps to the end")
    func replayCommands() throws {
        let (loop, backend, _) = try replayLoop([
            .input([.key(.char(" "))]), .waitUntil(5), .input([.key(.end)]), .input([.key(.char("q"))]),
        ], speed: 60)
        #expect(loop.state.replay?.paused == true)
        #expect(backend.lastLines[0].contains("PAUSED  replay 02:00:00 / 02:00:00 ×60 END"))
    }

    @Test("the quit effect ends the loop at once; a signal gives 128 + its number")
    func quitAndSignal() {
        let (_, backend, _, status) = liveLoop([.input([.key(.char("q")), .key(.char("t"))])])
        #expect(status == 0 && backend.frames.count == 1)
        let (_, _, _, signalled) = liveLoop([.input([.signal(15)])])
        #expect(signalled == 143)
    }

    @Test("the export effect: w in the alarm preview, kept for printing at exit")
    func export() throws {
        let (loop, backend, status) = try replayLoop([
            .input([.key(.char(" ")), .key(.char("a"))]), .input([.key(.up), .key(.char("w"))]),
            .input([.key(.escape)]), .input([.key(.char("q"))]),
        ], speed: 60)
        #expect(status == 0)
        let exported = try #require(loop.exports.first)
        #expect(loop.exports.count == 1)
        let edited = try #require(loop.state.preview?.edited)
        #expect(exported == edited.terraform + "\n\n" + edited.putMetricAlarmCommand)
        let original = try #require(loop.state.preview?.original)
        #expect(edited.threshold > original.threshold)
        // The loop hands the written text back: the preview shows it until the next key.
        let shown = try #require(backend.frames.last { $0.canvas.text.contains("also printed when fleetwatch exits") })
        #expect(shown.canvas.text.contains("resource \"aws_cloudwatch_metric_alarm\""))
        #expect(loop.state.preview != nil)
    }

    @Test("the scaling export: w in the scaling view writes the edited policy as Terraform, kept for printing at exit")
    func exportScaling() throws {
        let (loop, backend, status) = try replayLoop([
            .input([.key(.end), .key(.char("a")), .key(.char("v"))]), .input([.key(.down), .key(.char("x")), .key(.char("w"))]),
            .input([.key(.char("q"))]),
        ], speed: 60, scaling: try ScalingSettings.builtin())
        #expect(status == 0)
        let view = try #require(loop.state.scalingWhatIf)
        #expect(view.edited.policies[0].name == "erato-target-cpu")
        let expected = "# the group (aws_autoscaling_group erato-backend-asg): min_size = 3, max_size = 13 (was 3, 12)\n"
            + view.edited.policies[0].terraform(group: "erato-backend-asg")
        #expect(loop.exports == [expected])
        #expect(expected.contains("target_value     = 69"))
        let shown = try #require(backend.frames.last { $0.canvas.text.contains("also printed when fleetwatch exits") })
        #expect(shown.canvas.text.contains("resource \"aws_autoscaling_policy\" \"erato_target_cpu\""))
        // The built-in demo's four policies over the whole recording: the CPU policy scales out, request_count is linted.
        let outcome = try #require(view.asDefined)
        #expect(outcome.preview.activities.contains { $0.policy == "erato-target-cpu" && $0.to > $0.from })
        #expect(outcome.lint.contains { $0.hasPrefix("request_count: never acts: no datapoints for") })
        #expect(view.real.activities.count == 4)
    }

    @Test("w also writes the preview as an SVG chart into the chart folder, named in the exported text")
    func exportChart() throws {
        let dir = try TemporaryDirectory.make("charts")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = FakeClock(Self.start)
        let backend = FakeBackend(clock: clock, steps: [
            .input([.key(.char(" ")), .key(.char("a"))]), .input([.key(.up), .key(.char("w"))]), .input([.key(.char("q"))]),
        ])
        let player = ReplayPlayer(timeline: ReplayTimeline(try BuiltinRecording.load()), speed: 60)
        var loop = DashboardLoop(state: DashboardState(fleet: player.state, now: Self.start, width: 80, height: 24),
                                 feed: .replay(player), clock: clock)
        loop.chartDirectory = dir
        #expect(loop.run(on: backend) == 0)
        let file = dir.appendingPathComponent("erato-health-check-failures-preview.svg")
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("as defined: ") && svg.contains("changed (threshold"))
        #expect(try #require(loop.exports.first).hasSuffix("# the preview as a chart: \(file.path)"))
    }

    @Test("mouse through the loop: a click on the header's replay position seeks there; a double click zooms")
    func mouse() throws {
        // Where the header shows `replay 00:00:00 / 02:00:00 ×60` at 160 columns.
        let clock = FakeClock(Self.start)
        let player = ReplayPlayer(timeline: ReplayTimeline(try BuiltinRecording.load()), speed: 60)
        var probe = DashboardState(fleet: player.state, now: Self.start, width: 160, height: 48)
        probe.replay = player.status
        let top = probe.view().text.components(separatedBy: "\n")[0]
        let label = try #require(top.range(of: "replay 00:00:00 / 02:00:00 ×60"))
        let left = top.distance(from: top.startIndex, to: label.lowerBound)
        let right = top.distance(from: top.startIndex, to: label.upperBound) - 1
        let middle = (left + right) / 2
        let backend = FakeBackend(clock: clock, steps: [
            .input([.key(.char(" "))]),
            .input([.mouse(MouseEvent(.click, x: middle, y: 0))]),
            .input([.mouse(MouseEvent(.click, x: right, y: 0))]),
            .input([.mouse(MouseEvent(.doubleClick, x: 120, y: 10))]),
            .input([.key(.char("q"))]),
        ])
        var loop = DashboardLoop(state: DashboardState(fleet: player.state, now: Self.start, width: 80, height: 24),
                                 feed: .replay(player), clock: clock)
        #expect(loop.run(on: backend) == 0)
        let fraction = Double(middle - left) / Double(right - left)
        let expected = "replay " + ReplayStatus.clock(7200 * fraction) + " / 02:00:00"
        #expect(backend.frames[2].canvas.text.contains(expected), "\(expected)")
        #expect(backend.frames[3].canvas.text.contains("replay 02:00:00 / 02:00:00 ×60 END"))
        #expect(loop.state.replay?.atEnd == true)
        #expect(loop.state.zoomed && loop.state.focus == .requests)
    }
}
