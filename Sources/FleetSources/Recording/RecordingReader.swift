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
        let name = path  // as the user gave it
        // The shared regular-file check: a FIFO, a directory or a symlink loop is refused, not blocked on.
        let bytes = try BoundedFile.read(path, maxSize: Ceilings.recordingBytes, what: "recordings").bytes
        return try read(data: Data(bytes), name: name)
    }

    public static func read(data: Data, name: String) throws(InputError) -> Recording {
        let bytes = [UInt8](data)
        guard !bytes.isEmpty else {
            throw InputError(file: name, line: 1, message: "not a fleetwatch recording (empty file)")
        }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let endsWithNewline = bytes.last == 0x0A
        if endsWithNewline { lines.removeLast() }
        let decoder = RecordingFormat.decoder()
        let header = try readHeader(Data(lines[0]), name: name, decoder: decoder, onlyLine: lines.count == 1 && !endsWithNewline)

        var recording = Recording(header: header, updates: [], warnings: [])
        var state = DecodingState()
        for index in 1..<lines.count {
            let lineNumber = index + 1
            let text = lines[index]
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let isLast = index == lines.count - 1
            let line: RecordedLine
            do {
                line = try decoder.decode(RecordedLine.self, from: Data(text))
            } catch {
                if isLast && !endsWithNewline {
                    recording.warnings.append("\(name):\(lineNumber): last line is incomplete (the recording was cut off); playing up to line \(lineNumber - 1)")
                } else {
                    recording.warnings.append("\(name):\(lineNumber): \(reason(error)); line skipped")
                }
                continue
            }
            guard var t = line.t else {
                recording.warnings.append("\(name):\(lineNumber): not a recording line (no \"t\"); line skipped")
                continue
            }
            if let previous = recording.updates.last?.t, t < previous { t = previous }
            var problems: [String] = []
            let update = state.update(from: line, t: t, problems: &problems)
            recording.warnings += problems.map { "\(name):\(lineNumber): \($0)" }
            recording.updates.append(RecordedUpdate(t: t, update: update, line: lineNumber))
        }
        return recording
    }

    static func readHeader(_ data: Data, name: String, decoder: JSONDecoder, onlyLine: Bool) throws(InputError) -> RecordingHeader {
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
        guard version <= RecordingFormat.version else {
            throw InputError(file: name, line: 1, message:
                "recording version \(version) is newer than this fleetwatch understands (\(RecordingFormat.version))")
        }
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
private struct DecodingState {
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
