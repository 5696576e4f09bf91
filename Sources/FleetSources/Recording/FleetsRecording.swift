import FleetCore
import Foundation

/// A recording file, read: one fleet's (versions 1 and 2) or several fleets' (version 3).
public enum RecordingFile: Sendable {
    case one(Recording)
    case fleets(FleetsRecording)

    /// Problems that did not stop the replay, one line each (`file:line: message`).
    public var warnings: [String] {
        switch self {
        case .one(let recording): recording.warnings
        case .fleets(let fleets): fleets.warnings
        }
    }

    /// The recording clock's first and last instants.
    public var start: Date {
        switch self {
        case .one(let recording): recording.start
        case .fleets(let fleets): fleets.start
        }
    }

    public var end: Date {
        switch self {
        case .one(let recording): recording.end
        case .fleets(let fleets): fleets.end
        }
    }
}

/// A recording of several fleets, opened: the header, and where each fleet's update lines are and when
/// they happened (``FleetLines``). The updates themselves are decoded again from the file when a replay
/// reaches them (``FleetReplayCursor``): opening checks and indexes every line (all warnings are known
/// then), but builds no state (each fleet's final one when asked) and keeps no decoded update, so a
/// 200-fleet hour opens in a fraction of the time and memory reading it whole took.
public struct FleetsRecording: Sendable {
    public var header: FleetsRecordingHeader
    /// In the header's order.
    public var fleets: [FleetLines]
    /// Problems that did not stop the replay, one line each (`file:line: message`).
    public var warnings: [String]
    /// The file, kept open for the lines' bytes.
    let bytes: RecordingBytes
    /// The file as the user named it.
    let name: String

    init(header: FleetsRecordingHeader, fleets: [FleetLines], warnings: [String], bytes: RecordingBytes, name: String) {
        self.header = header
        self.fleets = fleets
        self.warnings = warnings
        self.bytes = bytes
        self.name = name
    }

    public var start: Date { header.start }
    /// The recording clock at the last update of any fleet.
    public var end: Date { fleets.map(\.end).max() ?? header.start }
    public var duration: TimeInterval { end.timeIntervalSince(start) }
    /// Each fleet's account alias, for the overview.
    public var accounts: [String?] { header.fleets.map(\.account) }

    /// Fleet `index`'s recording with every update decoded (what reading it whole gave): for tests and
    /// tools that need all of one fleet's updates; a replay decodes them as it goes instead.
    public func recording(of index: Int) -> Recording {
        let cursor = FleetReplayCursor(self, fleet: index)
        var updates: [RecordedUpdate] = []
        cursor.forEachUpdate(to: fleets[index].count) { i, update in
            updates.append(RecordedUpdate(t: fleets[index].times[i], update: update, line: fleets[index].lines[i]))
        }
        return Recording(header: fleets[index].header, updates: updates, warnings: [])
    }
}

/// One fleet's update lines in a recording of several fleets: when each happened (`t`, never decreasing),
/// its line number and where its bytes are. About 24 bytes a line.
public struct FleetLines: Sendable {
    /// The fleet's part of the file's header, as a one-fleet header.
    public let header: RecordingHeader
    public private(set) var times: [Date] = []
    public private(set) var lines: [Int] = []
    private(set) var offsets: [Int] = []
    private(set) var counts: [Int32] = []
    /// The fleet after all its updates, when the reader was asked for it (``RecordingReader/readFile(path:atEnd:)``):
    /// made while the file was checked, where `snapshot --replay` goes without decoding the lines again.
    var final: FleetReplayCursor.Checkpoint?

    init(header: RecordingHeader) {
        self.header = header
    }

    mutating func append(t: Date, line: Int, offset: Int, count: Int) {
        times.append(t)
        lines.append(line)
        offsets.append(offset)
        counts.append(Int32(clamping: count))
    }

    public var count: Int { times.count }
    /// The recording clock at the fleet's last update (the start for a fleet with none).
    public var end: Date { max(header.start, times.last ?? header.start) }

    /// How many updates have `t <= time` (binary search).
    public func index(at time: Date) -> Int {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
