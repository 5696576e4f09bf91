#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process-wide signal handlers of a terminal session.
///
/// - SIGINT, SIGTERM, SIGHUP: set a bit and write a byte to the self-pipe; `waitForInput` reports
///   them. (ncurses' own handlers would `_exit` and skip the app's cleanup; installing ours before
///   `newterm` keeps ncurses from installing its own.)
/// - SIGWINCH: chained after ncurses' handler (which makes the next `wget_wch` return
///   `KEY_RESIZE`), then a byte to the self-pipe, so a resize wakes `poll` on whatever thread the
///   signal landed.
/// - SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP: `TerminalRestore.emergencyRestore()`, then the
///   previous handler (the default, or the Swift runtime's backtracer) is put back and the signal
///   delivered again (the faulting instruction repeats, or the signal is raised again).
enum SignalHandlers {
    static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashes: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP]

    /// One bit per termination signal received and not yet reported.
    static let pending = Atomic<UInt64>(0)
    /// The write end of the session's self-pipe, or -1.
    static let wakeFD = Atomic<Int32>(-1)
    /// The actions that were installed before ours, by signal number.
    nonisolated(unsafe) static var previous: UnsafeMutablePointer<sigaction> = .allocate(capacity: 65)
    /// The signals whose handler is ours now. Touched only by the curses thread.
    nonisolated(unsafe) static var installed: [Int32] = []

    /// Installs the termination handlers, with `fd` as the self-pipe. Call before `newterm`.
    static func installTermination(wakeFD fd: Int32) {
        _ = pending.exchange(0, ordering: .relaxed)
        wakeFD.store(fd, ordering: .sequentiallyConsistent)
        for sig in termination { install(sig, handler: onTerminationSignal, flags: SA_RESTART) }
    }

    /// Chains SIGWINCH after the handler ncurses installed. Call after `newterm`.
    static func installWindowChange() {
        install(SIGWINCH, handler: onWindowChange, flags: SA_RESTART)
    }

    /// Installs the crash handlers. Call after `TerminalRestore.prepare`.
    static func installCrash() {
        for sig in crashes {
            guard !installed.contains(sig) else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = onCrashSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            if sigaction(sig, &action, previous + Int(sig)) == 0 { installed.append(sig) }
        }
    }

    /// Puts back every action that was there before.
    static func uninstall() {
        for sig in installed.reversed() { _ = sigaction(sig, previous + Int(sig), nil) }
        installed = []
        wakeFD.store(-1, ordering: .sequentiallyConsistent)
    }

    /// The termination signals received since the last call, in signal-number order.
    static func takePending() -> [Int32] {
        let bits = pending.exchange(0, ordering: .acquiring)
        return (1..<64).filter { bits & (1 << UInt64($0)) != 0 }.map { Int32($0) }
    }

    private static func install(_ sig: Int32, handler: @convention(c) (Int32) -> Void, flags: Int32) {
        guard !installed.contains(sig) else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        if sigaction(sig, &action, previous + Int(sig)) == 0 { installed.append(sig) }
    }

    /// Writes one byte to the self-pipe. Async-signal-safe.
    static func poke() {
        let fd = wakeFD.load(ordering: .relaxed)
        guard fd >= 0 else { return }
        var byte: UInt8 = 0x73
        _ = write(fd, &byte, 1)
    }
}

private func onTerminationSignal(_ sig: Int32) {
    let savedErrno = errno
    _ = SignalHandlers.pending.bitwiseOr(1 << UInt64(sig & 63), ordering: .releasing)
    SignalHandlers.poke()
    errno = savedErrno
}

private func onWindowChange(_ sig: Int32) {
    let savedErrno = errno
    if let chained = SignalHandlers.previous[Int(sig)].__sigaction_handler.sa_handler,
       unsafeBitCast(chained, to: Int.self) > 1 {     // neither SIG_DFL (0) nor SIG_IGN (1)
        chained(sig)
    }
    SignalHandlers.poke()
    errno = savedErrno
}

private func onCrashSignal(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    TerminalRestore.emergencyRestore()
    _ = sigaction(sig, SignalHandlers.previous + Int(sig), nil)
    // A fault the CPU raised happens again when the handler returns, now reaching the previous
    // handler (the default, or the Swift backtracer) with its real context. A signal that was sent
    // (kill, raise, abort) or a trap that does not repeat (x86 int3) must be raised again.
    let sent = (info?.pointee.si_code ?? 0) <= 0
    if sent || sig == SIGTRAP || sig == SIGABRT { raise(sig) }
}
