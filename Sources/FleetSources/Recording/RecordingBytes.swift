import FleetCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A recording's bytes, for reading it line by line once and then single lines again when a replay
/// needs them: an open file (read in parts: a 200-fleet hour is tens of MB and never held whole) or
/// bytes already in memory (fuzzing, tests).
final class RecordingBytes: Sendable {
    private enum Storage {
        case file(Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    /// Bytes to read (a file's size when it was opened: a recording still being written is read up to there).
    let size: Int
    /// A file is read this many bytes at a time (more for a longer line).
    let chunkSize: Int

    /// Opens `path` with the shared regular-file and size checks.
    init(path: String, chunkSize: Int = 1 << 20) throws(InputError) {
        let (fd, st) = try BoundedFile.openRegular(path, maxSize: Ceilings.recordingBytes, what: "recordings")
        storage = .file(fd)
        size = Int(st.st_size)
        self.chunkSize = max(1, chunkSize)
    }

    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        size = bytes.count
        chunkSize = bytes.count
    }

    deinit {
        if case .file(let fd) = storage { close(fd) }
    }

    /// The bytes `offset..<offset + count`, or nil when they cannot be read (the file shrank).
    func read<T>(offset: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        switch storage {
        case .memory(let bytes):
            guard offset >= 0, count >= 0, offset + count <= bytes.count else { return nil }
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<offset + count])) }
        case .file(let fd):
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { buffer in
                guard let base = buffer.baseAddress, Self.preadFully(fd, base, count, offset) == count else { return nil }
                return body(UnsafeBufferPointer(start: base, count: count))
            }
        }
    }

    /// One line: its number (1-based), where it starts, its bytes without the newline, and whether a
    /// newline ended it (false only for a last line cut off).
    struct Line {
        var number: Int
        var offset: Int
        var bytes: UnsafeBufferPointer<UInt8>
        var terminated: Bool
    }

    /// Calls `body` with every line in order (the last one only when not empty), reading a file in parts.
    func forEachLine<E: Error>(_ body: (Line) throws(E) -> Void) throws(E) {
        switch storage {
        case .memory(let bytes):
            try bytes.withUnsafeBufferPointer { (p) throws(E) in
                _ = try Self.lines(in: p, at: 0, number: 1, final: true, body)
            }
        case .file(let fd):
            var buffer = [UInt8](repeating: 0, count: min(max(size, 1), chunkSize))
            var filled = 0, base = 0, number = 1
            while true {
                if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
                let want = min(buffer.count - filled, size - base - filled)
                let got = want > 0 ? buffer.withUnsafeMutableBytes {
                    Self.preadFully(fd, $0.baseAddress! + filled, want, base + filled)
                } : 0
                filled += max(got, 0)
                let final = got <= 0 || base + filled >= size
                let (used, next) = try buffer.withUnsafeBufferPointer { (p) throws(E) in
                    try Self.lines(in: UnsafeBufferPointer(rebasing: p[0..<filled]), at: base, number: number, final: final, body)
                }
                if final { return }
                number = next
                // Keep the unfinished line at the front.
                buffer.withUnsafeMutableBufferPointer { p in
                    if used > 0 { _ = memmove(p.baseAddress!, p.baseAddress! + used, filled - used) }
                }
                filled -= used
                base += used
            }
        }
    }

    /// The whole lines of `p` (and, when `final`, the rest as a last unterminated line); returns the bytes
    /// used and the next line's number.
    private static func lines<E: Error>(in p: UnsafeBufferPointer<UInt8>, at base: Int, number: Int, final: Bool,
                                        _ body: (Line) throws(E) -> Void) throws(E) -> (Int, Int) {
        var start = 0, number = number
        while start < p.count {
            guard let end = p[start...].firstIndex(of: 0x0A) else {
                if final {
                    try body(Line(number: number, offset: base + start, bytes: UnsafeBufferPointer(rebasing: p[start...]),
                                  terminated: false))
                    return (p.count, number + 1)
                }
                break
            }
            try body(Line(number: number, offset: base + start, bytes: UnsafeBufferPointer(rebasing: p[start..<end]),
                          terminated: true))
            number += 1
            start = end + 1
        }
        return (start, number)
    }

    /// `pread` until `count` bytes or the end of the file; the bytes read, or -1 on an error.
    private static func preadFully(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int) -> Int {
        var n = 0
        while n < count {
            let r = pread(fd, buffer + n, count - n, off_t(offset + n))
            if r < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if r == 0 { break }
            n += r
        }
        return n
    }
}
