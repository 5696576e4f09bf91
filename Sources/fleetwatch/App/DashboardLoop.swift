import FleetCore
import FleetDashboard
import FleetSources
import FleetTerminal
import Foundation

/// Runs the dashboard in the terminal: the poller in a task (or the replay clock on this thread),
/// this thread owning every curses call. Events go through `DashboardState.update`; each frame is
/// `view()`, and the terminal layer writes only the cells that changed.
struct DashboardLoop {
    /// Seconds between frames while a replay plays: one frame per minute of recording (a new
    /// datapoint), at most 10 and at least 1 a second: ×60 draws once a second, ×600 ten times.
    static func replayFrameInterval(speed: Double) -> TimeInterval {
        min(1, max(0.1, 60 / max(speed, 1)))
    }

    var state: DashboardState
    var feed: DashboardFeed
    var terminalOptions: TerminalOptions
    /// When no theme was chosen, a terminal without colour gets the monochrome theme.
    var themeChosen: Bool

    /// Returns the process exit status: 0 for `q`, 128 + the signal for SIGINT/SIGTERM/SIGHUP.
    mutating func run() throws -> Int32 {
        let session = try TerminalSession(options: terminalOptions)
        defer { session.restore() }
        if session.colorDepth == .none, !themeChosen,
           let mono = state.themes.firstIndex(where: { $0.name == "monochrome" }) {
            state.themeIndex = mono
        }
        if !session.isUTF8 { state.glyphs = .ascii }
        state.update(.resize(width: session.width, height: session.height))

        let mailbox = SnapshotMailbox()
        var task: Task<Void, Never>?
        var deadline: Date?
        var player: ReplayPlayer?
        switch feed {
        case .live(let poller, let until):
            deadline = until
            let waker = session.waker
            task = Task.detached {
                await poller.run(clock: ContinuousClock()) { snapshot in
                    mailbox.put(snapshot)
                    waker.wake()
                }
            }
            state.update(.tick(now: Date()))
        case .replay(let p):
            player = p
            state.replay = p.status
            state.update(.fleet(p.state))
            state.update(.tick(now: p.position))
        }
        defer { task?.cancel() }

        session.draw(state.view())
        var lastTick = Int(Date().timeIntervalSince1970)
        var lastFrame = Date()
        while true {
            let now = Date()
            let wait: TimeInterval
            if let p = player, !p.paused, !p.atEnd {
                wait = max(0.001, Self.replayFrameInterval(speed: p.speed) - now.timeIntervalSince(lastFrame))
            } else {
                // Wake at the next whole second for the clock and data ages, or sooner for input.
                let t = now.timeIntervalSince1970
                wait = max(0.001, (t.rounded(.down) + 1) - t)
            }
            var changed = false
            for input in session.waitForInput(timeout: .milliseconds(Int64(wait * 1000) + 1)) {
                switch input {
                case .key(let key):
                    state.update(.key(key))
                case .resize(let w, let h):
                    state.update(.resize(width: w, height: h))
                case .signal(let signal):
                    return 128 + signal
                case .wake:
                    if let snapshot = mailbox.take() { state.update(.fleet(snapshot)) }
                }
                changed = true
            }
            if state.shouldQuit { return 0 }

            if var p = player {
                // The replay clock: wall time since the last frame × speed, then the keys' commands.
                let frameTime = Date()
                var moved = p.advance(wallSeconds: frameTime.timeIntervalSince(lastFrame))
                lastFrame = frameTime
                for command in state.takeCommands() { moved = p.apply(command) || moved }
                if moved { state.update(.fleet(p.state)) }
                let status = p.status
                if status != state.replay || moved || p.position != state.now {
                    state.replay = status
                    state.update(.tick(now: p.position))
                    changed = true
                }
                player = p
            } else {
                if let deadline, Date() >= deadline { return 0 }
                let second = Int(Date().timeIntervalSince1970)
                if second != lastTick {
                    // The clock only shows through the sources' data ages: redraw when one changes.
                    lastTick = second
                    let before = state.sourceAges
                    state.update(.tick(now: Date()))
                    if state.sourceAges != before { changed = true }
                }
            }
            if changed { session.draw(state.view()) }
        }
    }
}
