import AlarmDefinitions
import AWSFormats
import FleetCore
import Foundation

/// The series `fleetwatch preview --data` reads: a `get-metric-data` output (with its queries
/// file), a `get-metric-statistics` output, or a fleetwatch recording (its series as they stand
/// at its end: up to the recording's series capacity, 24 h by default).
public struct PreviewData: Sendable {
    public var series: [FleetUpdate.Batch]
    public var warnings: [String]
    /// The group's capacity as recorded, where the data holds it: a recording's InService instances, or
    /// an `AWS/AutoScaling GroupInServiceInstances` (else `GroupDesiredCapacity`) series.
    public var capacity: CapacityPath?
    /// The group's real scaling activities, where the data holds them (a recording's scaling events that change
    /// the desired capacity); nil when the data cannot hold any (metric files).
    public var activities: [FleetEvent]?

    public init(series: [FleetUpdate.Batch], warnings: [String] = [], capacity: CapacityPath? = nil,
                activities: [FleetEvent]? = nil) {
        self.series = series
        self.warnings = warnings
        self.capacity = capacity ?? Self.capacitySeries(series)
        self.activities = activities
    }

    /// The capacity a recording's instances show: InService instances after each update that lists them.
    public static func capacity(of recording: Recording) -> CapacityPath? {
        var path = CapacityPath()
        var seen = false
        if !recording.header.initialState.instances.isEmpty {
            seen = true
            path.append(recording.start, recording.header.initialState.instances.filter { $0.lifecycle == .inService }.count)
        }
        for entry in recording.updates {
            guard let instances = entry.update.instances else { continue }
            seen = true
            path.append(entry.t, instances.filter { $0.lifecycle == .inService }.count)
        }
        return seen ? path : nil
    }

    static func capacitySeries(_ series: [FleetUpdate.Batch]) -> CapacityPath? {
        for name in ["GroupInServiceInstances", "GroupDesiredCapacity"] {
            if let batch = series.first(where: { $0.key.namespace == "AWS/AutoScaling" && $0.key.name == name && !$0.points.isEmpty }) {
                return CapacityPath(batch.points.map { .init(time: $0.time, capacity: Int($0.value.rounded())) })
            }
        }
        return nil
    }

    /// The built-in demo recording's series and capacity (`--data demo`).
    public static func demo() throws -> PreviewData {
        try recording(BuiltinRecording.load())
    }

    static func recording(_ recording: Recording) -> PreviewData {
        let timeline = ReplayTimeline(recording)
        let state = timeline.state(after: recording.updates.count)
        let batches = state.series.values.sorted { $0.key < $1.key }.map {
            FleetUpdate.Batch(key: $0.key, unit: $0.unit, period: $0.period, points: Array($0.points))
        }
        return PreviewData(series: batches, warnings: recording.warnings, capacity: capacity(of: recording),
                           activities: state.events.events.filter { $0.capacityChange != nil })
    }

    /// Reads `path`, telling the shape from its content.
    public static func load(path: String, queries: String? = nil) throws -> PreviewData {
        let (bytes, _) = try BoundedFile.read(path)
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if head.contains("\"fleetwatch-recording\"") {
            // A recording: every series as it stands at the recording's end.
            return recording(try RecordingReader.read(path: path))
        }
        if head.contains("\"Datapoints\"") {
            let data = try CloudWatchFiles.decodeMetricStatistics(bytes, file: path)
            return PreviewData(series: data.batches, warnings: data.warnings)
        }
        var parsedQueries: [MetricDataQuery]?
        if let queries {
            let (q, _) = try BoundedFile.read(queries)
            parsedQueries = try CloudWatchFiles.decodeMetricDataQueries(q, file: queries)
        }
        let data = try CloudWatchFiles.decodeMetricData(bytes, file: path, queries: parsedQueries)
        return PreviewData(series: data.batches, warnings: data.warnings)
    }

    /// The series an alarm watches: the only one there is, else the one whose namespace, name and
    /// dimensions match (unresolved references match any value), else nil.
    public func series(for definition: AlarmDefinition, loaded: LoadedAlarms) -> FleetUpdate.Batch? {
        let withData = series.filter { !$0.points.isEmpty }
        if withData.count == 1 { return withData[0] }
        if let exact = withData.first(where: { loaded.matches(definition, $0.key) }) { return exact }
        // Keys named from a label carry an `Id` dimension of the query: ignore it when matching.
        let unresolved = loaded.unresolvedDimensions[definition.name] ?? []
        let candidates = withData.filter { batch in
            batch.key.namespace == definition.namespace && batch.key.name == definition.metricName
                && definition.dimensions.allSatisfy { d in
                    batch.key.dimension(d.name) == d.value || unresolved.contains(d.name)
                }
        }
        let alarmDimensions = Set(definition.dimensions.map(\.name)).union(["Id"])
        if let exact = candidates.first(where: { Set($0.key.dimensions.map(\.name)).isSubset(of: alarmDimensions) }) {
            return exact
        }
        // Only per-zone series while the alarm watches the whole: combine them (counts add up,
        // averages are averaged), as CloudWatch's series without the zone dimension would.
        let perZone = candidates.filter { $0.key.zone != nil && definition.dimensions.allSatisfy { $0.name != "AvailabilityZone" } }
        guard let first = perZone.first else { return candidates.first }
        let parts = perZone.map { batch in
            var s = Series(key: batch.key, unit: batch.unit, period: batch.period, capacity: max(1, batch.points.count))
            s.insert(contentsOf: batch.points)
            return s
        }
        let combined = Series.combine(parts, sum: definition.statistic != "Average", key: first.key, unit: first.unit,
                                      capacity: perZone.map(\.points.count).reduce(0, +) + 1)
        var key = first.key
        key = MetricKey(namespace: key.namespace, name: key.name, statistic: key.statistic,
                        dimensions: key.dimensions.filter { $0.name != "AvailabilityZone" })
        return FleetUpdate.Batch(key: key, unit: first.unit, period: first.period, points: Array(combined.points))
    }
}
