#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The last-resort restore for crashes and `exit()` without `restore()`: async-signal-safe, so it
/// uses only `write` and `tcsetattr`, with the bytes prepared at startup from terminfo.
enum TerminalRestore {
    /// Set while a session owns the screen.
    static let armed = Atomic<Bool>(false)

    /// The bytes that undo the screen set-up (see `restoreSequence`) and their count.
    nonisolated(unsafe) static var bytes: UnsafeMutablePointer<UInt8> = .allocate(capacity: capacity)
    nonisolated(unsafe) static var count = 0
    static let capacity = 512
    /// The terminal modes from before the session started.
    nonisolated(unsafe) static var savedModes: UnsafeMutablePointer<termios> = .allocate(capacity: 1)

    /// Stores what an emergency restore writes and arms it. Called on the curses thread before any
    /// handler that uses it is installed.
    static func prepare(sequence: [UInt8], modes: termios) {
        let n = min(sequence.count, capacity)
        for i in 0..<n { bytes[i] = sequence[i] }
        count = n
        savedModes.pointee = modes
        armed.store(true, ordering: .sequentiallyConsistent)
    }

    /// The normal restore happened: nothing left to do in an emergency.
    static func disarm() { armed.store(false, ordering: .sequentiallyConsistent) }

    /// Writes the prepared bytes and puts the terminal modes back, once. Async-signal-safe.
    static func emergencyRestore() {
        guard armed.exchange(false, ordering: .sequentiallyConsistent) else { return }
        var offset = 0
        while offset < count {
            let n = write(STDOUT_FILENO, bytes + offset, count - offset)
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, savedModes)
    }

    /// What undoes the screen set-up: CAN (ends any escape sequence cut off by the crash), then the
    /// terminfo strings `sgr0` (attributes off), `rmkx` (keypad mode off), `cnorm` (cursor
    /// visible) and `rmcup` (leave the alternate screen), each with its `$<…>` padding removed;
    /// with `mouse`, mouse reporting off first (xterm's modes 1000, 1002, 1006).
    static func restoreSequence(sgr0: String?, rmkx: String?, cnorm: String?, rmcup: String?,
                                mouse: Bool = false) -> [UInt8] {
        [0x18] + (mouse ? Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8) : [])
            + [sgr0, rmkx, cnorm, rmcup].flatMap { stripPadding(Array(($0 ?? "").utf8)) }
    }

    /// Removes terminfo padding (`$<5>`, `$<2*/>`) from a capability string.
    static func stripPadding(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "$"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "<"),
               let close = s[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}
