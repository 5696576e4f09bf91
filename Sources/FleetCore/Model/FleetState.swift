import Foundation

/// Everything the dashboard knows about the fleet at one moment: the poller's merged view.
public struct FleetState: Sendable, Hashable {
    public var time: Date
    public var fleet: FleetInfo
    public var series: [MetricKey: Series]
    public var instances: [Instance]
    public var alarms: [AlarmStatus]
    public var targets: [TargetLine]
    public var sources: [SourceStatus]
    /// How many datapoints each series keeps (the longest window the dashboard zooms to).
    public var seriesCapacity: Int
    /// What happened, oldest first, bounded (``EventLog/defaultCapacity``).
    public var events = EventLog()

    public init(time: Date, fleet: FleetInfo, series: [MetricKey: Series] = [:], instances: [Instance] = [],
                alarms: [AlarmStatus] = [], targets: [TargetLine] = [], sources: [SourceStatus] = [],
                seriesCapacity: Int = 24 * 60) {
        self.time = time
        self.fleet = fleet
        self.series = series
        self.instances = instances
        self.alarms = alarms
        self.targets = targets
        self.sources = sources
        self.seriesCapacity = seriesCapacity
    }

    /// Merges what one source said into the state.
    public mutating func apply(_ update: FleetUpdate) {
        for batch in update.metrics {
            // In place, one lookup: taking the series out and putting it back hashed its key twice.
            Self.merge(batch, into: &series[batch.key, default: Series(key: batch.key, unit: batch.unit, period: batch.period,
                                                                     capacity: seriesCapacity)])
        }
        if let instances = update.instances { self.instances = instances }
        if let alarms = update.alarms {
            // By name: one source's alarms never wipe out another's.
            let names = Set(alarms.map(\.name))
            self.alarms = self.alarms.filter { !names.contains($0.name) } + alarms
        }
        if let targets = update.targets { self.targets = targets }
        events.insert(contentsOf: update.events)
        if let status = update.status {
            if let i = sources.firstIndex(where: { $0.name == status.name }) {
                sources[i] = status
            } else {
                sources.append(status)
            }
        }
        // The fleet's clock is the clock of the source heard from last: wall time for live
        // sources, simulated time for the simulator and recordings.
        if let t = update.time { time = t }
    }

    private static func merge(_ batch: FleetUpdate.Batch, into s: inout Series) {
        s.unit = batch.unit
        s.insert(contentsOf: batch.points)
    }

    /// The instances of one zone, in display order.
    public func instances(inZone zone: String) -> [Instance] {
        instances.filter { $0.zone == zone }.sorted(by: Instance.displayOrder)
    }

    /// Newest datapoint time over every series.
    public var newestDatapoint: Date? {
        series.values.compactMap { $0.latest?.time }.max()
    }
}

/// What a source answers when polled: new datapoints, and, when it knows them, the whole
/// instance list, alarm states and target lines (nil leaves what the state has).
public struct FleetUpdate: Sendable, Hashable {
    public struct Batch: Sendable, Hashable {
        public var key: MetricKey
        public var unit: String
        public var period: Int
        public var points: [Datapoint]

        public init(key: MetricKey, unit: String, period: Int = 60, points: [Datapoint]) {
            self.key = key
            self.unit = unit
            self.period = period
            self.points = points
        }
    }

    public var time: Date?
    public var metrics: [Batch]
    public var instances: [Instance]?
    public var alarms: [AlarmStatus]?
    public var targets: [TargetLine]?
    public var status: SourceStatus?
    /// Events the source learned of since its last answer (repeats are harmless: ``EventLog``).
    public var events: [FleetEvent]

    public init(time: Date? = nil, metrics: [Batch] = [], instances: [Instance]? = nil,
                alarms: [AlarmStatus]? = nil, targets: [TargetLine]? = nil, status: SourceStatus? = nil,
                events: [FleetEvent] = []) {
        self.events = events
        self.time = time
        self.metrics = metrics
        self.instances = instances
        self.alarms = alarms
        self.targets = targets
        self.status = status
    }
}
