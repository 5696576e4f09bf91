import FleetCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends a recording to a file: the header when created, then one line per update.
///
/// Each line goes out with a single `write(2)` of the whole line and its newline (no user-space
/// buffer), so a crash or `kill -9` leaves a file that replays up to its last complete line.
/// Thread-safe: the poller's observer calls ``record(t:update:)`` from its actor.
public final class RecordingWriter: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private struct Inner {
        var fd: Int32
        var encoder = RecordingEncoder()
        /// A recording of several fleets: an encoder per fleet.
        var fleetEncoders: [RecordingEncoder] = []
        var lines = 0
        var bytes = 0
        var error: String?
    }

    public let path: String
    private let inner: Mutex<Inner>
    /// Recordings of several fleets: seconds within which a fleet's "it answered" lines are left out
    /// (the headless recorder's poll interval: a live recording polled every second comes out as thin).
    public static let quietInterval: TimeInterval = 10

    /// Creates (or truncates) `path` and writes the header line.
    public convenience init(path: String, header: RecordingHeader) throws {
        try self.init(path: path, headerLine: { $0.headerLine(header) }, fleets: 0)
    }

    /// Creates (or truncates) `path` for a recording of several fleets (version 3) and writes the
    /// header line; updates go in with ``record(t:fleet:update:)``.
    public convenience init(path: String, header: FleetsRecordingHeader) throws {
        try self.init(path: path, headerLine: { $0.headerLine(header) }, fleets: header.fleets.count)
    }

    private init(path: String, headerLine: (RecordingEncoder) -> String, fleets: Int) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(description: "\(path): cannot create (\(String(cString: strerror(errno))))")
        }
        self.path = path
        var state = Inner(fd: fd)
        state.fleetEncoders = Array(repeating: RecordingEncoder(), count: fleets)
        let line = headerLine(state.encoder)
        if let message = Self.writeLine(fd: fd, line) {
            systemClose(fd)
            throw Failure(description: "\(path): \(message)")
        }
        state.lines = 1
        state.bytes = line.utf8.count + 1
        inner = Mutex(state)
    }

    deinit {
        inner.withLock { if $0.fd >= 0 { systemClose($0.fd) } }
    }

    /// Appends the line for `update`, merged by a poll at `t`. After a write error the writer
    /// stops writing and keeps the message (``error``).
    public func record(t: Date, update: FleetUpdate) {
        inner.withLock { state in
            guard state.fd >= 0, state.error == nil else { return }
            let line = state.encoder.line(t: t, update: update)
            if let message = Self.writeLine(fd: state.fd, line) {
                state.error = "\(path): \(message)"
            } else {
                state.lines += 1
                state.bytes += line.utf8.count + 1
            }
        }
    }

    /// Appends the line for fleet `fleet`'s `update` (its place in the header), merged by a poll at `t`;
    /// an update that says only "it answered" within ``quietInterval`` of the fleet's last line is not
    /// written (``RecordingEncoder/line(t:fleet:update:quiet:)``).
    /// Thread-safe: every fleet's poller calls it from its own actor; lines go out whole, one at a time.
    public func record(t: Date, fleet: Int, update: FleetUpdate) {
        inner.withLock { state in
            guard state.fd >= 0, state.error == nil, state.fleetEncoders.indices.contains(fleet) else { return }
            guard let line = state.fleetEncoders[fleet].line(t: t, fleet: fleet, update: update, quiet: Self.quietInterval) else {
                return
            }
            if let message = Self.writeLine(fd: state.fd, line) {
                state.error = "\(path): \(message)"
            } else {
                state.lines += 1
                state.bytes += line.utf8.count + 1
            }
        }
    }

    /// Lines written so far, the header included.
    public var lineCount: Int { inner.withLock { $0.lines } }
    public var byteCount: Int { inner.withLock { $0.bytes } }
    /// The first write error, if any.
    public var error: String? { inner.withLock { $0.error } }

    /// Closes the file (later records are dropped).
    public func close() {
        inner.withLock { state in
            if state.fd >= 0 { _ = fsync(state.fd); systemClose(state.fd) }
            state.fd = -1
        }
    }

    /// Writes `line` + newline with one `write(2)` (continuing only after a partial write, which
    /// regular files do not do short of a full disk). Returns an error message or nil.
    static func writeLine(fd: Int32, _ line: String) -> String? {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return "write failed (\(String(cString: strerror(errno))))"
            }
            offset += n
        }
        return nil
    }
}

private func systemClose(_ fd: Int32) {
    _ = close(fd)
}
