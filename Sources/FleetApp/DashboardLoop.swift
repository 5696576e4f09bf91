import AlarmDefinitions
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// Runs the dashboard on a terminal backend: the live feed in a task of its own (or the replay
/// clock on this thread), this thread owning every terminal call. Events go through
/// `DashboardState.update`, whose effects are performed here; each frame is `view()`, and the
/// backend writes only the cells that changed. Nothing is drawn while nothing changes.
public struct DashboardLoop {
    /// Seconds between frames while a replay plays: one frame per minute of recording (a new
    /// datapoint), at most 10 and at least 1 a second: ×60 draws once a second, ×600 ten times.
    public static func replayFrameInterval(speed: Double) -> TimeInterval {
        min(1, max(0.1, 60 / max(speed, 1)))
    }

    public var state: DashboardState
    /// Several fleets (``DashboardFeed/fleets(_:)``): the overview, which holds the opened fleet's
    /// dashboard; events go to it instead of ``state``.
    public var overview: OverviewState?
    /// What to do when an alarm of a fleet goes to ALARM (`on_alarm:`): ring the bell, run a command.
    public var onAlarm: OnAlarm? {
        didSet { alarmCommand = onAlarm?.command.map { AlarmCommandRunner(argv: $0) } }
    }
    private var alarmCommand: AlarmCommandRunner?
    public var feed: DashboardFeed
    /// When no theme was chosen, a terminal without colour gets the monochrome theme.
    public var themeChosen: Bool
    public var clock: any LoopClock
    /// What the user exported (`w` in the preview: the alarm as Terraform and as a put-metric-alarm
    /// command; in the scaling view, the policy as Terraform), for printing after exit.
    public private(set) var exports: [String] = []
    /// Where `w` in the alarm preview writes the chart (`<alarm>-preview.svg`); nil writes none.
    public var chartDirectory: URL?
    /// Live feeds (``DashboardFeed/live(_:)``, ``DashboardFeed/fleets(_:)``): the wall time the loop
    /// ends at (`record --duration`); a replay ignores it.
    public var until: Date?
    /// Frames handed to the backend.
    public private(set) var framesDrawn = 0
    /// The overview's last frame: the next draws only the lines that changed (``OverviewFrame``).
    private var overviewFrame: OverviewFrame?

    public init(state: DashboardState, feed: DashboardFeed, themeChosen: Bool = false,
                clock: any LoopClock = SystemClock()) {
        self.state = state
        self.feed = feed
        self.themeChosen = themeChosen
        self.clock = clock
    }

    /// Runs until quit; returns the process exit status: 0 for quit (or the end of a timed
    /// recording), 128 + the signal for SIGINT/SIGTERM/SIGHUP.
    public mutating func run(on backend: some TerminalBackend) -> Int32 {
        if !backend.hasColor, !themeChosen, let mono = state.themes.firstIndex(where: { $0.name == "monochrome" }) {
            state.themeIndex = mono
        }
        if !backend.isUTF8 { state.glyphs = .ascii }
        state.update(.resize(width: backend.width, height: backend.height))
        if overview != nil { overview!.dashboard = state }

        let mailbox = SnapshotMailbox()
        let fleetsMailbox = FleetsMailbox()
        var stop: (@Sendable () -> Void)?
        var deadline: Date?
        var player: ReplayPlayer?
        var fleetsPlayer: FleetsReplayPlayer?
        switch feed {
        case .live(let live):
            deadline = until
            let wake = backend.wakeUp
            stop = live.start { snapshot in
                mailbox.put(snapshot)
                wake()
            }
            state.update(.tick(now: clock.now()))
        case .fleets(let fleets):
            precondition(overview != nil, "a feed of several fleets needs the overview")
            deadline = until
            let wake = backend.wakeUp
            stop = fleets.start(deliverRounds: { round in
                // Woken only when the mailbox was empty: a woken reader takes these states with the others.
                if fleetsMailbox.put(round) { wake() }
            }, change: { change in
                fleetsMailbox.put(change)
                wake()
            })
            _ = apply(.tick(now: clock.now()))
        case .replay(let p):
            player = p
            state.replay = p.status
            state.update(.fleet(p.state))
            state.update(.tick(now: p.position))
        case .fleetsReplay(let p):
            fleetsPlayer = p
            startFleetsReplay(p)
        }
        defer { stop?() }

        draw(on: backend)
        var lastTick = Int(clock.now().timeIntervalSince1970)
        // Several fleets: states are taken in as they come, drawn once at the next whole second (200
        // fleets polled a second apart would otherwise draw 200 frames a second).
        var fleetsArrived = false
        var lastFrame = clock.now()
        while true {
            let now = clock.now()
            let wait: TimeInterval
            if let clock = player?.clock ?? fleetsPlayer?.clock, !clock.paused, !clock.atEnd {
                wait = max(0.001, Self.replayFrameInterval(speed: clock.speed) - now.timeIntervalSince(lastFrame))
            } else {
                // Wake at the next whole second for the clock and data ages, or sooner for input.
                let t = now.timeIntervalSince1970
                wait = max(0.001, (t.rounded(.down) + 1) - t)
            }
            var changed = false
            var commands: [ReplayCommand] = []
            for input in backend.nextInput(timeout: .milliseconds(Int64(wait * 1000) + 1)) {
                var effects: [DashboardEffect] = []
                switch input {
                case .key(let key):
                    effects = apply(.key(key))
                case .mouse(let mouse):
                    effects = apply(.mouse(mouse))
                case .resize(let w, let h):
                    effects = apply(.resize(width: w, height: h))
                case .signal(let signal):
                    return 128 + signal
                case .wake:
                    if let snapshot = mailbox.take() { effects = state.update(.fleet(snapshot)) }
                    for (index, snapshot) in fleetsMailbox.takeAll() {
                        effects += overview?.receive(snapshot, fleetID: index) ?? []
                        fleetsArrived = true
                    }
                    // Fleets come and go (discovery run again); the new ones' first states, held back
                    // in the mailbox until now, come at the wake this asks for.
                    let changes = fleetsMailbox.takeChanges()
                    for change in changes { overview?.apply(change) }
                    if !changes.isEmpty {
                        fleetsArrived = true
                        backend.wakeUp()
                    }
                }
                if perform(effects, commands: &commands, on: backend) { return 0 }
                if case .wake = input, overview != nil { continue }
                changed = true
            }

            let second = Int(clock.now().timeIntervalSince1970)
            let newSecond = second != lastTick
            if newSecond { lastTick = second }
            if var p = player {
                // The replay clock: wall time since the last frame × speed, then the commands.
                let frameTime = clock.now()
                var moved = p.advance(wallSeconds: frameTime.timeIntervalSince(lastFrame))
                lastFrame = frameTime
                for command in commands { moved = p.apply(command) || moved }
                if moved { state.update(.fleet(p.state)) }
                let status = p.status
                if status != state.replay || moved || p.position != state.now {
                    state.replay = status
                    state.update(.tick(now: p.position))
                    changed = true
                }
                player = p
                if newSecond {
                    // Notices live in wall time, whatever the replay's clock does.
                    let before = state.notice
                    state.update(.clock(clock.now()))
                    if state.notice != before { changed = true }
                }
            } else if var p = fleetsPlayer {
                let frameTime = clock.now()
                if stepFleetsReplay(&p, wallSeconds: frameTime.timeIntervalSince(lastFrame), commands: commands,
                                    wallNow: newSecond ? frameTime : nil) {
                    changed = true
                }
                lastFrame = frameTime
                fleetsPlayer = p
            } else {
                if let deadline, clock.now() >= deadline { return 0 }
                if newSecond {
                    // The clock only shows through the sources' data ages: redraw when one changes.
                    let before = (sourceAges, screen.notice)
                    _ = apply(.tick(now: clock.now()))
                    if sourceAges != before.0 || screen.notice != before.1 || fleetsArrived { changed = true }
                    fleetsArrived = false
                }
            }
            if changed { draw(on: backend) }
        }
    }

    /// Performs what `update` asked for: replay commands are collected for the replay clock, an
    /// export is written (and shown in the preview). Returns true on quit.
    private mutating func perform(_ effects: [DashboardEffect], commands: inout [ReplayCommand],
                                  on backend: some TerminalBackend) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .alarmRaised(let fleet, let alarm):
                if onAlarm?.bell == true { backend.bell() }
                if let problem = alarmCommand?.run(fleet: fleet, alarm: alarm, state: AlarmState.alarm.rawValue),
                   !problem.hasPrefix("already") {
                    post(problem)
                }
            case .replay(let command):
                commands.append(command)
            case .export(let definition):
                let text = definition.terraform + "\n\n" + definition.putMetricAlarmCommand
                exports.append(text)
                _ = apply(.exported(text))
            case .exportScaling(let policy, let group, let notes):
                let text = (notes.map { "# " + $0 } + [policy.terraform(group: group)]).joined(separator: "\n")
                exports.append(text)
                _ = apply(.exported(text))
            case .writeChart(let fileName, let svg):
                guard let chartDirectory, !exports.isEmpty else { continue }
                let url = chartDirectory.appendingPathComponent(fileName)
                do {
                    try Data(svg.utf8).write(to: url, options: .atomic)
                    exports[exports.count - 1] += "\n\n# the preview as a chart: \(url.path)"
                    _ = apply(.exported(exports[exports.count - 1]))
                } catch {
                    post("could not write the chart to \(url.path): \(error.localizedDescription)")
                }
            }
        }
        return false
    }

    private mutating func draw(on backend: some TerminalBackend) {
        if let overview {
            backend.draw(overview.view(reusing: &overviewFrame))
        } else {
            backend.draw(state.view())
        }
        framesDrawn += 1
    }

    /// An event for the screen: the overview's when there is one, else the dashboard's.
    private mutating func apply(_ event: DashboardEvent) -> [DashboardEffect] {
        if overview != nil { return overview!.update(event) }
        return state.update(event)
    }

    /// The dashboard state on screen (the overview's, which holds the clock, look and notices).
    private var screen: DashboardState { overview?.dashboard ?? state }

    private var sourceAges: [Int] { overview?.sourceAges ?? state.sourceAges }

    private mutating func post(_ text: String) {
        if overview != nil { overview!.dashboard.post(text) } else { state.post(text) }
    }
}
