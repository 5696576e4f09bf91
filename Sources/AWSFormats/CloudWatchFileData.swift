import FleetCore
import Foundation

/// What CloudWatch/ELB/EC2 CLI output files said: datapoints, warnings to show on the panel (partial data,
/// forbidden queries, unknown states), and, when such files were read, alarms and instances.
public struct CloudWatchFileData: Sendable, Hashable {
    /// One batch per metric key, points ascending by time.
    public var batches: [FleetUpdate.Batch]
    /// One line each, naming the file: never dropped silently.
    public var warnings: [String]
    public var alarms: [AlarmStatus]?
    public var instances: [Instance]?
    /// Events read from scaling-activity, alarm-history and instance-refresh files.
    public var events: [FleetEvent] = []

    public init(batches: [FleetUpdate.Batch] = [], warnings: [String] = [], alarms: [AlarmStatus]? = nil,
                instances: [Instance]? = nil) {
        self.batches = batches
        self.warnings = warnings
        self.alarms = alarms
        self.instances = instances
    }

    /// The batch of `key`, if any.
    public func batch(_ key: MetricKey) -> FleetUpdate.Batch? { batches.first { $0.key == key } }

    /// Adds what another file said: batches of the same key are merged (a later file's value wins at the
    /// same timestamp), warnings appended, alarm and instance lists concatenated.
    public mutating func merge(_ other: CloudWatchFileData) {
        for b in other.batches { add(b) }
        warnings += other.warnings
        if let a = other.alarms { alarms = (alarms ?? []) + a }
        if let i = other.instances { instances = (instances ?? []) + i }
        events += other.events
    }

    mutating func add(_ batch: FleetUpdate.Batch) {
        if let i = batches.firstIndex(where: { $0.key == batch.key }) {
            batches[i].points = Self.ascending(batches[i].points + batch.points)
        } else {
            var b = batch
            b.points = Self.ascending(b.points)
            batches.append(b)
        }
    }

    /// Points sorted by time, one per timestamp (the later one in the input wins). Already-ascending and
    /// descending input (the CLI's two `ScanBy` orders) cost one pass.
    static func ascending(_ points: [Datapoint]) -> [Datapoint] {
        guard points.count > 1 else { return points }
        var sorted: [Datapoint]
        if zip(points, points.dropFirst()).allSatisfy({ $0.time < $1.time }) { return points }
        if zip(points, points.dropFirst()).allSatisfy({ $0.time > $1.time }) {
            sorted = points.reversed()
        } else {
            // Stable: among equal times the later input stays later, and wins below.
            sorted = points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                .map(\.element)
        }
        var out: [Datapoint] = []
        out.reserveCapacity(sorted.count)
        for p in sorted {
            if let last = out.last, last.time == p.time { out[out.count - 1] = p } else { out.append(p) }
        }
        return out
    }

    /// The update a source hands the poller: every batch, the alarms and instances when known (each
    /// instance's `cpu` filled from the newest per-instance CPUUtilization point when there is one), and
    /// the newest datapoint time.
    public func fleetUpdate(time: Date? = nil, status: SourceStatus? = nil) -> FleetUpdate {
        var instances = self.instances
        if var list = instances {
            var cpu: [String: Double] = [:]
            for b in batches where PanelMetric(key: b.key) == .cpu {
                if let id = b.key.dimension("InstanceId"), let last = b.points.last { cpu[id] = last.value }
            }
            for i in list.indices where list[i].cpu == nil { list[i].cpu = cpu[list[i].id] }
            instances = list
        }
        let newest = batches.compactMap { $0.points.last?.time }.max()
        return FleetUpdate(time: time ?? newest, metrics: batches, instances: instances, alarms: alarms,
                           status: status, events: events)
    }
}
