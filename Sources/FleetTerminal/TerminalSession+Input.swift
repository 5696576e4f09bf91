#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import FleetDashboard

extension TerminalSession {
    /// Waits up to `timeout` for input, a resize, a signal or `wake()`; returns what happened
    /// (empty on timeout). Blocks in `poll()` on standard input and the self-pipe, so waiting costs
    /// nothing; keys are then drained with `wget_wch` (no delay) and decoded.
    public func waitForInput(timeout: Duration) -> [TerminalInput] {
        guard active else { return [] }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var events: [TerminalInput] = []
        var stdinGone = false
        var idleReadable = 0                        // polls that said "readable" and gave nothing
        while true {
            collect(into: &events)
            while decoder.hasPending {
                // Half an escape sequence: give the rest a moment to arrive, else it was Esc.
                if poll(milliseconds: escapeDelayMs, stdinOnly: true).stdin { collect(into: &events) } else {
                    events += decoder.flush().map(TerminalInput.key)
                }
            }
            if stdinGone && !events.contains(.signal(SIGHUP)) { events.append(.signal(SIGHUP)) }
            if !events.isEmpty { return events }
            let remaining = deadline - clock.now
            guard remaining > .zero else { return [] }
            let ready = poll(milliseconds: Self.milliseconds(rounding: remaining), stdinOnly: false)
            // A terminal that hung up stays "ready" forever: report it as SIGHUP instead of spinning.
            idleReadable = ready.stdin ? idleReadable + 1 : 0
            stdinGone = ready.hangUp || idleReadable > 100
        }
    }

    /// Everything that is there now, without waiting: signals, wake-ups, keys, resizes.
    private func collect(into events: inout [TerminalInput]) {
        waker.drain()
        events += SignalHandlers.takePending().map(TerminalInput.signal)
        if waker.takeWake() { events.append(.wake) }
        var raw = RawInput.char(0)
        for _ in 0..<4096 {                          // bounded: a flood of input cannot starve the caller
            guard readRaw(&raw) else { break }
            if case .code(CursesKeyCode.resize) = raw {
                events += decoder.flush().map(TerminalInput.key)
                events.removeAll { if case .resize = $0 { true } else { false } }
                events.append(.resize(width: width, height: height))
                needsFullRedraw = true
                continue
            }
            if case .code(CursesKeyCode.mouse) = raw {
                events += decoder.flush().map(TerminalInput.key)
                if let mouse = readMouse() { events.append(.mouse(mouse)) }
                continue
            }
            events += decoder.feed(raw).map(TerminalInput.key)
        }
        for report in decoder.takeMouseReports() {
            if let mouse = mouseClicks.event(button: report.button, x: report.x, y: report.y,
                                             at: ContinuousClock.now - started) {
                events.append(.mouse(mouse))
            }
        }
    }

    /// The mouse event ncurses holds after `KEY_MOUSE`, as a click, double click or wheel turn.
    private func readMouse() -> MouseEvent? {
        var button: Int32 = 0, x: Int32 = 0, y: Int32 = 0
        guard fw_get_mouse(&button, &x, &y) == fw_ok() else { return nil }
        return mouseClicks.event(button: Int(button), x: Int(x), y: Int(y), at: ContinuousClock.now - started)
    }

    /// One `wget_wch` in no-delay mode; false when nothing is waiting.
    private func readRaw(_ raw: inout RawInput) -> Bool {
        var wc: wint_t = 0
        let rc = wget_wch(fw_stdscr(), &wc)
        if rc == fw_key_code_yes() { raw = .code(Int32(bitPattern: wc)); return true }
        if rc == fw_ok() { raw = .char(UInt32(wc)); return true }
        return false
    }

    /// Waits in `poll` for standard input (and the self-pipe unless `stdinOnly`). EINTR (a signal
    /// landed on this thread) simply returns: `collect` looks at everything anyway.
    private func poll(milliseconds: Int, stdinOnly: Bool) -> (stdin: Bool, hangUp: Bool) {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: waker.readFD, events: Int16(POLLIN), revents: 0)]
        let n = Glibc.poll(&fds, stdinOnly ? 1 : 2, Int32(clamping: milliseconds))
        guard n > 0 else { return (false, false) }
        let r = fds[0].revents
        return (r & Int16(POLLIN) != 0, r & Int16(POLLHUP | POLLERR | POLLNVAL) != 0)
    }

    /// A duration in whole milliseconds, rounded up so a wait never ends just short of its deadline.
    static func milliseconds(rounding d: Duration) -> Int {
        let (s, atto) = d.components
        if s >= Int64(Int32.max / 1000) { return Int(Int32.max) }
        return Int(s) * 1000 + Int((atto + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
