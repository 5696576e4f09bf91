#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Synchronized output (DEC private mode 2026): between `CSI ? 2026 h` and `CSI ? 2026 l` the
/// terminal holds the screen, so a frame never shows half drawn. Used only where the terminal says
/// it knows the mode: asked with DECRQM (`CSI ? 2026 $ p`, answered `CSI ? 2026 ; Ps $ y`), followed
/// by DA1 (`CSI c`), which every terminal answers, so a terminal that ignores DECRQM costs no timeout.
/// See https://gist.github.com/christianparpart/d8a62cc1ab659194337d73e399004036 (the mode's spec).
public enum SynchronizedOutput {
    public static let begin = Array("\u{1B}[?2026h".utf8)
    public static let end = Array("\u{1B}[?2026l".utf8)
    static let query = Array("\u{1B}[?2026$p\u{1B}[c".utf8)

    public enum Answer: Sendable, Equatable {
        /// The terminal knows the mode (Ps 1 set, 2 reset, 3 permanently set).
        case supported
        /// It answered DA1 without a DECRQM answer, or said 0 (unknown) or 4 (permanently reset).
        case unsupported
        /// The DA1 answer has not arrived yet.
        case incomplete
    }

    /// What the terminal's replies so far say: nothing is decided before DA1's answer (`CSI ? … c`)
    /// is in, since a DECRQM answer comes before it (and reading stops at it, so no reply is left
    /// over for the key decoder).
    public static func parse(_ reply: [UInt8]) -> Answer {
        let text = String(decoding: reply, as: UTF8.self)
        var sawDA1 = false
        var i = text.startIndex
        while let r = text[i...].range(of: "\u{1B}[?") {
            let body = text[r.upperBound...].prefix { $0.isNumber || $0 == ";" }
            if text[r.upperBound...].dropFirst(body.count).first == "c" { sawDA1 = true }
            i = r.upperBound
        }
        guard sawDA1 else { return .incomplete }
        if let r = text.range(of: "\u{1B}[?2026;"), let y = text[r.upperBound...].range(of: "$y") {
            return ["1", "2", "3"].contains(String(text[r.upperBound..<y.lowerBound])) ? .supported : .unsupported
        }
        return .unsupported
    }

    /// Whether to wrap frames: `FLEETWATCH_SYNC=on` forces the mode (a terminal that knows it but does
    /// not answer DECRQM, or to measure its cost inside tmux 3.3, which ignores it), `off` never asks;
    /// otherwise the terminal is asked.
    static func enabled(setting: String?) -> Bool {
        switch setting {
        case "on": true
        case "off": false
        default: ask()
        }
    }

    /// Asks the terminal on standard input/output, in raw mode, for at most `timeoutMs`. Called
    /// before curses starts; the terminal modes are put back as they were.
    static func ask(timeoutMs: Int = 250) -> Bool {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return false }
        guard query.withUnsafeBufferPointer({ write(STDOUT_FILENO, $0.baseAddress, $0.count) }) == query.count else { return false }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        var remaining = timeoutMs
        while remaining > 0 {
            var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let started = monotonicMs()
            guard poll(&fds, 1, Int32(remaining)) > 0 else { break }
            let n = read(STDIN_FILENO, &buffer, buffer.count)
            guard n > 0 else { break }
            reply += buffer[0..<n]
            switch parse(reply) {
            case .supported: return true
            case .unsupported: return false
            case .incomplete: remaining -= max(1, monotonicMs() - started)
            }
        }
        return false
    }

    private static func monotonicMs() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }
}
