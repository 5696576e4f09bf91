import FleetDashboard

/// The ncurses terminal is the dashboard loop's backend.
extension TerminalSession: TerminalBackend {
    public var hasColor: Bool { colorDepth != .none }

    public func nextInput(timeout: Duration) -> [TerminalInput] {
        waitForInput(timeout: timeout)
    }

    public var wakeUp: @Sendable () -> Void {
        let waker = waker
        return { waker.wake() }
    }
}
