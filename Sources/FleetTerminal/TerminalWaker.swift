#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The self-pipe a waiting `TerminalSession.waitForInput` polls. `wake()` is safe from any thread;
/// the signal handlers write to the same pipe (async-signal-safe: one `write`).
public final class TerminalWaker: Sendable {
    let readFD: Int32
    let writeFD: Int32
    private let woken = Atomic<Bool>(false)

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TerminalError.pipeFailed(errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Makes a waiting `waitForInput` return `.wake`.
    public func wake() {
        woken.store(true, ordering: .releasing)
        var byte: UInt8 = 0x77
        _ = write(writeFD, &byte, 1)                 // a full pipe is fine: a wake-up is already due
    }

    /// Whether `wake()` was called since the last time this was asked.
    func takeWake() -> Bool { woken.exchange(false, ordering: .acquiring) }

    /// Empties the pipe.
    func drain() {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let size = MemoryLayout.size(ofValue: buffer)
        while withUnsafeMutableBytes(of: &buffer, { read(readFD, $0.baseAddress, size) }) == size {}
    }
}
