import FleetCore
import FleetDashboard
import FleetSources
import FleetTerminal
import Foundation

/// Runs the dashboard in the terminal: the poller in a task, this thread owning every curses
/// call. Events go through `DashboardState.update`; each frame is `view()`, and the terminal
/// layer writes only the cells that changed.
struct DashboardLoop {
    var state: DashboardState
    var poller: Poller
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
        state.update(.tick(now: Date()))

        let mailbox = SnapshotMailbox()
        let waker = session.waker
        let poller = self.poller
        let task = Task.detached {
            await poller.run(clock: ContinuousClock()) { snapshot in
                mailbox.put(snapshot)
                waker.wake()
            }
        }
        defer { task.cancel() }

        session.draw(state.view())
        var lastTick = Int(Date().timeIntervalSince1970)
        while true {
            // Wake at the next whole second for the clock and data ages, or sooner for input.
            let now = Date().timeIntervalSince1970
            let untilTick = max(0.001, (now.rounded(.down) + 1) - now)
            var changed = false
            for input in session.waitForInput(timeout: .milliseconds(Int64(untilTick * 1000) + 1)) {
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
            let second = Int(Date().timeIntervalSince1970)
            if second != lastTick {
                // The clock only shows through the sources' data ages: redraw when one changes.
                lastTick = second
                let before = state.sourceAges
                state.update(.tick(now: Date()))
                if state.sourceAges != before { changed = true }
            }
            if changed { session.draw(state.view()) }
        }
    }
}
