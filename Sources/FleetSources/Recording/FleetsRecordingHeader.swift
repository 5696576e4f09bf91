import FleetCore
import Foundation

/// Line 1 of a recording of several fleets (version 3): the fleets, in the order update lines name
/// them (`"fleet":0` is the first), each with what a one-fleet header says of its fleet.
///
/// Nothing secret is written: a fleet's name, region, zones, load balancer and group, the overview's
/// account alias, and each source's name and kind (never a profile, key or endpoint credential).
public struct FleetsRecordingHeader: Codable, Sendable, Hashable {
    /// One fleet of the recording.
    public struct Fleet: Codable, Sendable, Hashable {
        public var fleet: FleetInfo
        /// The overview's account column (`account:` in the configuration); nil when not given.
        public var account: String?
        public var sources: [RecordingHeader.Source]
        /// The fleet state's time before its first update.
        public var stateTime: Date
        /// Datapoints kept per series of this fleet.
        public var seriesCapacity: Int

        public init(fleet: FleetInfo, account: String?, sources: [RecordingHeader.Source], stateTime: Date,
                    seriesCapacity: Int) {
            self.fleet = fleet
            self.account = account
            self.sources = sources
            self.stateTime = stateTime
            self.seriesCapacity = seriesCapacity
        }

        enum CodingKeys: String, CodingKey {
            case fleet, account, sources
            case stateTime = "state_time"
            case seriesCapacity = "series_capacity"
        }
    }

    /// Always `fleetwatch-recording`.
    public var format: String
    public var version: Int
    public var fleets: [Fleet]
    /// The recording clock's start: the `now` of the first poll.
    public var start: Date
    /// The same, as ISO 8601, for people reading the file.
    public var startISO: String

    public init(fleets: [Fleet], start: Date) {
        format = RecordingFormat.name
        version = RecordingFormat.fleetsVersion
        self.fleets = fleets
        self.start = start
        startISO = ISOTime.string(start)
    }

    enum CodingKeys: String, CodingKey {
        case format, version, fleets, start
        case startISO = "start_iso"
    }

    /// Everything but `format` and `version`, which the encoder writes first by hand.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fleets, forKey: .fleets)
        try c.encode(start, forKey: .start)
        try c.encode(startISO, forKey: .startISO)
    }

    /// Fleet `index`'s part as a one-fleet header: what its replay starts from.
    public func header(of index: Int) -> RecordingHeader {
        let entry = fleets[index]
        var header = RecordingHeader(fleet: entry.fleet, sources: entry.sources, start: start, stateTime: entry.stateTime,
                                     seriesCapacity: entry.seriesCapacity)
        header.version = version
        return header
    }

    /// The header of a recording of `states` (each fleet's state before its first poll) starting at `start`.
    public static func of(_ states: [FleetState], accounts: [String?], sources: [[RecordingHeader.Source]],
                          start: Date) -> FleetsRecordingHeader {
        FleetsRecordingHeader(fleets: states.indices.map { i in
            Fleet(fleet: states[i].fleet, account: i < accounts.count ? accounts[i] : nil,
                  sources: i < sources.count ? sources[i] : [], stateTime: states[i].time,
                  seriesCapacity: states[i].seriesCapacity)
        }, start: start)
    }
}
