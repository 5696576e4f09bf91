import AWSFormats
import FleetCore
import Foundation

/// One recorded update and when (recording clock) the poll that merged it happened.
public struct RecordedUpdate: Sendable, Hashable {
    public var t: Date
    public var update: FleetUpdate
    /// Line number in the file (1-based; the header is line 1).
    public var line: Int
}

/// A whole recording, read into memory.
public struct Recording: Sendable {
    public var header: RecordingHeader
    /// In file order; `t` never decreases.
    public var updates: [RecordedUpdate]
    /// Problems that did not stop the replay, one line each (`file:line: message`).
    public var warnings: [String]

    public var start: Date { header.start }
    /// The recording clock at the last update (the start for an empty recording).
    public var end: Date { max(header.start, updates.last?.t ?? header.start) }
    public var duration: TimeInterval { end.timeIntervalSince(start) }
}

/// Reads recordings: the header, then each line back into the ``FleetUpdate`` it was.
///
/// Fatal (``InputError``): an empty file, a first line that is not a recording header, a
/// version newer than ``RecordingFormat/version``. Tolerated, with a warning: a cut-off last line
/// (the recording plays up to the line before), a corrupt line in the middle (skipped).
public enum RecordingReader {
    public static func read(path: String) throws(InputError) -> Recording {
        try one(readFile(path: path), name: path)
    }

    public static func read(data: Data, name: String) throws(InputError) -> Recording {
        try one(read(fileData: data, name: name), name: name)
    }

    /// Reads a recording of one fleet (versions 1, 2) or of several (version 3). One fleet's is read
    /// into memory; several fleets' lines are checked and indexed here and decoded again when a replay
    /// reaches them (``FleetsRecording``), the file read in parts and kept open for that. `atEnd`: the
    /// caller goes to the end first (`snapshot --replay`), so each fleet's final state is made while
    /// the lines are checked, not by decoding them all again.
    public static func readFile(path: String, atEnd: Bool = false) throws(InputError) -> RecordingFile {
        // The shared regular-file check: a FIFO, a directory or a symlink loop is refused, not blocked on.
        try read(RecordingBytes(path: path), name: path, atEnd: atEnd)  // named as the user gave it
    }

    /// One fleet's recording, or the error saying this one holds several.
    static func one(_ file: RecordingFile, name: String) throws(InputError) -> Recording {
        switch file {
        case .one(let recording): return recording
        case .fleets(let fleets):
            throw InputError(file: name, line: 1, message:
                "a recording of \(fleets.fleets.count) fleets; this needs one (fleetwatch replay and snapshot --replay play several)")
        }
    }

    /// Reads either kind of recording from `data`; `name` is the file the errors and warnings name.
    public static func read(fileData data: Data, name: String, atEnd: Bool = false) throws(InputError) -> RecordingFile {
        guard !data.isEmpty else {
            throw InputError(file: name, line: 1, message: "not a fleetwatch recording (empty file)")
        }
        return try read(RecordingBytes(bytes: [UInt8](data)), name: name, atEnd: atEnd)
    }

    /// Every line once, in order: the header, then each update line decoded (``RecordedLine/decode(_:decoder:)``)
    /// and checked exactly as a replay will use it, so every warning is known at open. One fleet's updates
    /// are kept; several fleets' are only indexed (time, line, bytes), and with `atEnd` applied to each
    /// fleet's final state, not kept.
    static func read(_ bytes: RecordingBytes, name: String, atEnd: Bool = false) throws(InputError) -> RecordingFile {
        let decoder = RecordingFormat.decoder()
        var first: FirstLine?
        var headers: [RecordingHeader] = []
        var recordings: [Recording] = []
        var indexes: [FleetLines] = []
        var finals: [FleetState] = []  // several fleets: each fleet's state after all its updates
        var states: [DecodingState] = []
        var warnings: [String] = []
        var lastT: Date?
        try bytes.forEachLine { (line) throws(InputError) in
            guard let read = first else {
                let header = try readFirstLine(Data(line.bytes), name: name, decoder: decoder, onlyLine: !line.terminated)
                switch header {
                case .one(let one): headers = [one]
                case .fleets(let several): headers = several.fleets.indices.map { several.header(of: $0) }
                }
                if case .one = header {
                    recordings = [Recording(header: headers[0], updates: [], warnings: [])]
                } else {
                    indexes = headers.map { FleetLines(header: $0) }
                    if atEnd { finals = headers.map(\.initialState) }
                }
                states = Array(repeating: DecodingState(), count: headers.count)
                first = header
                return
            }
            let lineNumber = line.number
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let recorded: RecordedLine
            do {
                recorded = try RecordedLine.decode(line.bytes, decoder: decoder)
            } catch {
                if !line.terminated {
                    warnings.append("\(name):\(lineNumber): last line is incomplete (the recording was cut off); playing up to line \(lineNumber - 1)")
                } else {
                    warnings.append("\(name):\(lineNumber): \(reason(error)); line skipped")
                }
                return
            }
            guard var t = recorded.t else {
                warnings.append("\(name):\(lineNumber): not a recording line (no \"t\"); line skipped")
                return
            }
            var fleet = 0
            if case .fleets = read {
                guard let named = recorded.fleet else {
                    warnings.append("\(name):\(lineNumber): not a line of a recording of several fleets (no \"fleet\"); line skipped")
                    return
                }
                guard headers.indices.contains(named) else {
                    warnings.append("\(name):\(lineNumber): fleet \(named) is not in the header (fleets 0…\(headers.count - 1)); line skipped")
                    return
                }
                fleet = named
            }
            if let lastT, t < lastT { t = lastT }
            lastT = t
            var problems: [String] = []
            let update = states[fleet].update(from: recorded, t: t, problems: &problems)
            warnings += problems.map { "\(name):\(lineNumber): \($0)" }
            if case .fleets = read {
                indexes[fleet].append(t: t, line: lineNumber, offset: line.offset, count: line.bytes.count)
                if atEnd { finals[fleet].apply(update) }
            } else {
                recordings[0].updates.append(RecordedUpdate(t: t, update: update, line: lineNumber))
            }
        }
        switch first {
        case nil:
            throw InputError(file: name, line: 1, message: "not a fleetwatch recording (empty file)")
        case .one?:
            recordings[0].warnings = warnings
            return .one(recordings[0])
        case .fleets(let header)?:
            for i in finals.indices { indexes[i].final = FleetReplayCursor.Checkpoint(state: finals[i], decoding: states[i]) }
            return .fleets(FleetsRecording(header: header, fleets: indexes, warnings: warnings, bytes: bytes, name: name))
        }
    }

    /// What line 1 is: a one-fleet header (versions 1, 2) or a header of several fleets (version 3).
    enum FirstLine {
        case one(RecordingHeader)
        case fleets(FleetsRecordingHeader)
    }

    static func readFirstLine(_ data: Data, name: String, decoder: JSONDecoder, onlyLine: Bool) throws(InputError) -> FirstLine {
        let version = try readVersion(data, name: name, decoder: decoder, onlyLine: onlyLine)
        guard version == RecordingFormat.fleetsVersion else {
            return .one(try readHeader(data, name: name, decoder: decoder, onlyLine: onlyLine))
        }
        let header: FleetsRecordingHeader
        do {
            header = try decoder.decode(FleetsRecordingHeader.self, from: data)
        } catch {
            throw InputError(file: name, line: 1, message: "bad recording header (\(reason(error)))")
        }
        guard !header.fleets.isEmpty else {
            throw InputError(file: name, line: 1, path: "fleets", message: "a recording of several fleets lists none")
        }
        var seen: [String: Int] = [:]
        for (i, entry) in header.fleets.enumerated() {
            guard Ceilings.seriesCapacity.contains(entry.seriesCapacity) else {
                throw InputError(file: name, line: 1, path: "fleets.\(i).series_capacity", message:
                    "\(entry.seriesCapacity) is outside \(Ceilings.seriesCapacity.lowerBound)…\(Ceilings.seriesCapacity.upperBound)")
            }
            if let j = seen[entry.fleet.name] {
                throw InputError(file: name, line: 1, path: "fleets.\(i).fleet.name", message:
                    "fleet '\(entry.fleet.name)' is listed twice (first as fleets.\(j))")
            }
            seen[entry.fleet.name] = i
        }
        return .fleets(header)
    }

    /// The header's version, after checking it is a recording this fleetwatch reads.
    static func readVersion(_ data: Data, name: String, decoder: JSONDecoder, onlyLine: Bool) throws(InputError) -> Int {
        struct Probe: Decodable {
            var format: String?
            var version: Int?
        }
        guard let probe = try? decoder.decode(Probe.self, from: data), probe.format == RecordingFormat.name else {
            if onlyLine, String(decoding: data.prefix(64), as: UTF8.self).contains("\"\(RecordingFormat.name)\"") {
                throw InputError(file: name, line: 1, message: "recording header is incomplete (the recording was cut off)")
            }
            throw InputError(file: name, line: 1, message: "not a fleetwatch recording (no header)")
        }
        guard let version = probe.version, version >= 1 else {
            throw InputError(file: name, line: 1, message: "recording header without a valid version")
        }
        guard version <= RecordingFormat.newestVersion else {
            throw InputError(file: name, line: 1, message:
                "recording version \(version) is newer than this fleetwatch understands (\(RecordingFormat.newestVersion))")
        }
        return version
    }

    /// A one-fleet header, once ``readVersion(_:name:decoder:onlyLine:)`` has accepted it.
    static func readHeader(_ data: Data, name: String, decoder: JSONDecoder, onlyLine: Bool) throws(InputError) -> RecordingHeader {
        let header: RecordingHeader
        do {
            header = try decoder.decode(RecordingHeader.self, from: data)
        } catch {
            throw InputError(file: name, line: 1, message: "bad recording header (\(reason(error)))")
        }
        guard Ceilings.seriesCapacity.contains(header.seriesCapacity) else {
            throw InputError(file: name, line: 1, path: "series_capacity", message:
                "\(header.seriesCapacity) is outside \(Ceilings.seriesCapacity.lowerBound)…\(Ceilings.seriesCapacity.upperBound)")
        }
        return header
    }

    /// A short, one-line reason for a decoding error.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" }
        switch error {
        case .dataCorrupted(let context) where !context.codingPath.isEmpty && context.underlyingError == nil:
            return "bad \"\(path(context.codingPath))\": \(oneLine(context.debugDescription, max: 80))"
        case .dataCorrupted(let context):
            let detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
            return "not valid JSON (\(oneLine(detail, max: 80)))"
        case .keyNotFound(let key, let context):
            return "not a recording line (no \"\(path(context.codingPath + [key]))\")"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "not a recording line (bad \"\(path(context.codingPath))\")"
        @unknown default:
            return "not valid JSON"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func oneLine(_ text: String, max: Int) -> String {
        let flat = SafeText.line(text)
        return flat.count > max ? String(flat.prefix(max - 1)) + "…" : flat
    }
}

/// What the reader remembers between lines: declared series and each source's last status.
struct DecodingState: Sendable {
    var series: [Int: (key: MetricKey, unit: String, period: Int)] = [:]
    var statuses: [String: SourceStatus] = [:]

    mutating func update(from line: RecordedLine, t: Date, problems: inout [String]) -> FleetUpdate {
        var update = FleetUpdate(time: line.time, instances: line.instances, alarms: line.alarms, targets: line.targets,
                                 events: line.events ?? [])
        for batch in line.metrics ?? [] {
            if let key = batch.key {
                series[batch.id] = (key, batch.unit ?? "", batch.period ?? 60)
            } else if var known = series[batch.id] {
                if let unit = batch.unit { known.unit = unit }
                if let period = batch.period { known.period = period }
                series[batch.id] = known
            }
            guard let info = series[batch.id] else {
                problems.append("series \(batch.id) was never declared; its points skipped")
                continue
            }
            let points = batch.points.compactMap { pair -> Datapoint? in
                pair.count == 2 && Ceilings.isTimestamp(pair[0]) ? Datapoint(time: Date(timeIntervalSince1970: pair[0]), value: pair[1]) : nil
            }
            if points.count < batch.points.count {
                problems.append("series \(batch.id): \(batch.points.count - points.count) points without a [time, value] "
                    + "pair of a time within 1970…2999 skipped")
            }
            update.metrics.append(FleetUpdate.Batch(key: info.key, unit: info.unit, period: info.period, points: points))
        }
        if let status = line.status {
            update.status = status
            statuses[status.name] = status
        } else if line.answered == true, let name = line.src {
            if var status = statuses[name] {
                status.lastSuccess = t
                update.status = status
                statuses[name] = status
            } else {
                problems.append("status of \(name) was never written; ignored")
            }
        }
        return update
    }
}
