import FleetCore
import Foundation

/// Turns the header and a stream of updates into recording lines (without the newline),
/// remembering what it already wrote so each line holds only the delta.
public struct RecordingEncoder: Sendable {
    private struct SeriesInfo: Sendable {
        var id: Int
        var unit: String
        var period: Int
    }

    private var seriesIDs: [MetricKey: SeriesInfo] = [:]
    private var instances: [Instance]?
    private var alarms: [AlarmStatus]?
    private var targets: [TargetLine]?
    private var statuses: [String: SourceStatus] = [:]
    /// When the last line went out (for ``line(t:fleet:update:quiet:)``).
    private var lastLine: Date?

    public init() {}

    public func headerLine(_ header: RecordingHeader) -> String {
        let data = try! RecordingFormat.encoder().encode(header)  // plain values: cannot fail
        let rest = String(decoding: data, as: UTF8.self).dropFirst()
        return "{\"format\":\"\(header.format)\",\"version\":\(header.version)," + rest
    }

    /// The header line of a recording of several fleets (version 3).
    public func headerLine(_ header: FleetsRecordingHeader) -> String {
        let data = try! RecordingFormat.encoder().encode(header)  // plain values: cannot fail
        let rest = String(decoding: data, as: UTF8.self).dropFirst()
        return "{\"format\":\"\(header.format)\",\"version\":\(header.version)," + rest
    }

    /// The line for `update`, merged by a poll at `t`; in a recording of several fleets, `fleet` is the
    /// fleet's place in the header (one encoder per fleet: each remembers its own fleet's deltas).
    public mutating func line(t: Date, fleet: Int? = nil, update: FleetUpdate) -> String {
        line(t: t, fleet: fleet, update: update, quiet: nil)!
    }

    /// The same, or nil when the line would say only that the source answered (no datapoint, event,
    /// instance, alarm, target or status change: `"answered":true`) and this encoder's last line is less
    /// than `quiet` seconds old. A reader sees such a source's last success and the fleet's clock move
    /// at least every `quiet` seconds instead of at every poll; everything else it shows is as before.
    /// For recordings of several fleets polled every second, where these lines were most of the file.
    public mutating func line(t: Date, fleet: Int?, update: FleetUpdate, quiet: TimeInterval?) -> String? {
        var line = RecordedLine(t: t, src: update.status?.name, time: update.time)
        if !update.metrics.isEmpty {
            line.metrics = update.metrics.map { batch in
                var out = RecordedLine.Batch(id: 0, points: batch.points.map { [$0.time.timeIntervalSince1970, $0.value] })
                if let known = seriesIDs[batch.key] {
                    out.id = known.id
                    if known.unit != batch.unit || known.period != batch.period {
                        out.unit = batch.unit
                        out.period = batch.period
                        seriesIDs[batch.key] = SeriesInfo(id: known.id, unit: batch.unit, period: batch.period)
                    }
                } else {
                    out.id = seriesIDs.count
                    out.key = batch.key
                    out.unit = batch.unit
                    out.period = batch.period
                    seriesIDs[batch.key] = SeriesInfo(id: out.id, unit: batch.unit, period: batch.period)
                }
                return out
            }
        }
        if let new = update.instances, new != instances {
            line.instances = new
            instances = new
        }
        if let new = update.alarms, new != alarms {
            line.alarms = new
            alarms = new
        }
        if !update.events.isEmpty { line.events = update.events }
        if let new = update.targets, new != targets {
            line.targets = new
            targets = new
        }
        if let status = update.status {
            var expected = statuses[status.name]
            expected?.lastSuccess = t
            if status == expected { line.answered = true } else { line.status = status }
            statuses[status.name] = status
        }
        let saysOnlyAnswered = line.metrics == nil && line.instances == nil && line.alarms == nil && line.events == nil
            && line.targets == nil && line.status == nil
        if let quiet, saysOnlyAnswered, let last = lastLine, t.timeIntervalSince(last) < quiet { return nil }
        lastLine = t
        // `t` first, for people reading the file; the rest with sorted keys, so the bytes are stable.
        line.t = nil
        let encoder = RecordingFormat.encoder()
        let rest = String(decoding: try! encoder.encode(line), as: UTF8.self)
        let tText = String(decoding: try! encoder.encode([t.timeIntervalSince1970]), as: UTF8.self).dropFirst().dropLast()
        let fleetText = fleet.map { ",\"fleet\":\($0)" } ?? ""
        return "{\"t\":\(tText)" + fleetText + (rest == "{}" ? "}" : "," + rest.dropFirst())
    }
}
