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

/// A recording of several fleets, read into memory: a ``Recording`` per fleet (its header made from
/// the file's entry for it, its updates in file order), on the one recording clock.
public struct FleetsRecording: Sendable {
    public var header: FleetsRecordingHeader
    /// In the header's order.
    public var fleets: [Recording]
    /// Problems that did not stop the replay, one line each (`file:line: message`).
    public var warnings: [String]

    public var start: Date { header.start }
    /// The recording clock at the last update of any fleet.
    public var end: Date { fleets.map(\.end).max() ?? header.start }
    public var duration: TimeInterval { end.timeIntervalSince(start) }
    /// Each fleet's account alias, for the overview.
    public var accounts: [String?] { header.fleets.map(\.account) }
}
