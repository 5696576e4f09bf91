import FleetCore
import Foundation

/// The recording file format (JSON Lines, append-only; see README, "Recordings").
///
/// Line 1 is a ``RecordingHeader``. Every further line is a ``RecordedLine``: one update the poller
/// merged, with the `now` of its poll (`t`). Times are epoch seconds (JSON numbers, exact). A
/// series is declared with its key, unit and period the first time it appears and referred to by
/// its `id` afterwards; instances, alarms and targets are written only when they changed; the
/// source status is written only when it changed in more than "it answered at `t`".
public enum RecordingFormat {
    public static let name = "fleetwatch-recording"
    /// 2 adds `events` to the update lines (``FleetEvent``); version 1 files, which have none,
    /// still replay.
    public static let version = 2
    /// 3: several fleets in one file (``FleetsRecordingHeader``); each update line names its fleet by
    /// its place in the header's list (`"fleet":4`). One fleet is still written as version 2.
    public static let fleetsVersion = 3
    /// The newest version this fleetwatch reads.
    public static let newestVersion = fleetsVersion
    /// The usual file extension.
    public static let fileExtension = "fwrec"

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .secondsSince1970
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        // Epoch seconds within ``Ceilings/timestamps``: a time of 1e300 is refused (its line skipped with
        // a warning naming it), not kept to make a series vanish or an age overflow.
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let t = try c.decode(Double.self)
            guard Ceilings.isTimestamp(t) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: Ceilings.timestampError(t))
            }
            return Date(timeIntervalSince1970: t)
        }
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }
}

/// Line 1: what was recorded.
public struct RecordingHeader: Codable, Sendable, Hashable {
    public struct Source: Codable, Sendable, Hashable {
        public var name: String
        public var detail: String

        public init(name: String, detail: String) {
            self.name = name
            self.detail = detail
        }
    }

    /// Always `fleetwatch-recording`.
    public var format: String
    public var version: Int
    public var fleet: FleetInfo
    public var sources: [Source]
    /// The recording clock's start: the `now` of the first poll.
    public var start: Date
    /// The same, as ISO 8601, for people reading the file.
    public var startISO: String
    /// The fleet state's time before the first update.
    public var stateTime: Date
    /// Datapoints kept per series (the fleet state's ring buffers).
    public var seriesCapacity: Int

    public init(fleet: FleetInfo, sources: [Source], start: Date, stateTime: Date, seriesCapacity: Int = 24 * 60) {
        format = RecordingFormat.name
        version = RecordingFormat.version
        self.fleet = fleet
        self.sources = sources
        self.start = start
        startISO = ISOTime.string(start)
        self.stateTime = stateTime
        self.seriesCapacity = seriesCapacity
    }

    enum CodingKeys: String, CodingKey {
        case format, version, fleet, sources, start
        case startISO = "start_iso"
        case stateTime = "state_time"
        case seriesCapacity = "series_capacity"
    }

    /// Everything but `format` and `version`, which ``RecordingEncoder`` writes first by hand so the
    /// file starts with `{"format":"fleetwatch-recording","version":2,`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fleet, forKey: .fleet)
        try c.encode(sources, forKey: .sources)
        try c.encode(start, forKey: .start)
        try c.encode(startISO, forKey: .startISO)
        try c.encode(stateTime, forKey: .stateTime)
        try c.encode(seriesCapacity, forKey: .seriesCapacity)
    }

    /// The empty fleet state the updates apply to.
    public var initialState: FleetState {
        FleetState(time: stateTime, fleet: fleet, seriesCapacity: seriesCapacity)
    }
}

/// One update as stored on a line after the header.
struct RecordedLine: Codable, Equatable {
    struct Batch: Codable, Equatable {
        var id: Int
        /// Present where the series is declared (its first line).
        var key: MetricKey?
        /// Present at the declaration and whenever it changes.
        var unit: String?
        var period: Int?
        /// `[time, value]` pairs.
        var points: [[Double]]
    }

    /// The `now` of the poll: the recording clock (always present in a file; the encoder writes it first
    /// by hand).
    var t: Date?
    /// The source the update came from.
    var src: String?
    /// The update's own time (the fleet's clock), when it has one.
    var time: Date?
    var metrics: [Batch]?
    var instances: [Instance]?
    var alarms: [AlarmStatus]?
    var targets: [TargetLine]?
    /// The full status, when it changed in more than `lastSuccess`.
    var status: SourceStatus?
    /// True: the status is `src`'s previous one with `lastSuccess` = `t` (it answered, nothing else changed).
    var answered: Bool?
    /// Version 2: the events the update carried.
    var events: [FleetEvent]?
    /// Version 3: the fleet the update is of, by its place in the header's `fleets` (the encoder writes
    /// it second by hand, after `t`).
    var fleet: Int?
}
