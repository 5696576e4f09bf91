import CNcurses
import FleetDashboard

/// The ncurses terminal is the dashboard loop's backend.
extension TerminalSession: TerminalBackend {
    public var hasColor: Bool { colorDepth != .none }

    public func nextInput(timeout: Duration) -> [TerminalInput] {
        waitForInput(timeout: timeout)
    }

    /// The terminal's bell (ncurses `beep`: the audible bell, or a flash where there is none).
    public func bell() {
        guard active else { return }
        _ = beep()
    }

    public var wakeUp: @Sendable () -> Void {
        let waker = waker
        return { waker.wake() }
    }
}
