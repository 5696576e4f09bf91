import Foundation

/// One fleet as the overview shows it (and `snapshot --format json` lists it under `fleets:`): the
/// few numbers that say whether it is in trouble, computed once per new ``FleetState`` from the
/// newest ``sparkMinutes`` of its series only, so 200 fleets cost little per refresh.
public struct FleetSummary: Sendable, Hashable {
    /// Healthy and unhealthy targets of one zone (instances whose target health is bad).
    public struct ZoneHealth: Sendable, Hashable {
        public var zone: String
        public var healthy: Int
        public var unhealthy: Int
    }

    /// Minutes of history the sparklines show.
    public static let sparkMinutes = 30
    /// An alarm that went to ALARM at most this many seconds ago (on the fleet's clock) marks its fleet.
    public static let recentAlarmSeconds: TimeInterval = 300

    public var name: String
    public var region: String
    public var account: String?
    /// The worst state of the fleet's alarms (ALARM, then INSUFFICIENT_DATA, then OK); nil without alarms.
    public var worstAlarm: AlarmState? { didSet { noteTrouble() } }
    /// The names of the alarms in ALARM, sorted.
    public var alarmsFiring: [String]
    /// An alarm went to ALARM within ``recentAlarmSeconds`` of the fleet's clock.
    public var alarmJustRaised: Bool
    public var zones: [ZoneHealth] { didSet { noteTrouble() } }
    /// The fleet's CPU (average) of the newest minute, and a value per minute of the last
    /// ``sparkMinutes`` (nil where there is none).
    public var cpu: Double?
    public var cpuSpark: [Double?]
    /// Requests in the newest minute (all zones), and per minute as for CPU.
    public var requestsPerMinute: Double?
    public var requestsSpark: [Double?]
    /// Target and ELB 5XX as a share of requests in the newest minute with requests (0…1).
    public var fiveXXRate: Double?
    /// The fleet's clock.
    public var time: Date
    /// Each source's health and the times its age is judged from (``SourceStatus``).
    public var sources: [SourceStatus] { didSet { noteTrouble() } }

    // What the overview asks of every row every frame is kept in stored fields of plain values, set
    // whenever alarms, zones or sources change: read across modules from a row in an array, a
    // computed property would copy the whole row first (issue 15's CPU).
    /// Unhealthy targets over all zones.
    public private(set) var unhealthy = 0
    /// A source is stale or failing.
    public private(set) var isStale = false
    /// Smaller is worse: ALARM, unhealthy hosts, stale, then how many unhealthy — one number, so
    /// that sorting 200 rows every frame allocates nothing.
    public private(set) var troubleKey = 0
    /// The sources' oldest last success (``dataAge(at:)``), and whether there is any source.
    @usableFromInline var oldestSuccess: Date?
    @usableFromInline var hasSources = false

    public var healthy: Int { zones.reduce(0) { $0 + $1.healthy } }

    /// The oldest of the sources' data ages at `now`, in seconds; nil without sources. (A source's
    /// age, ``SourceStatus/age(at:)``, is 0 without a success and falls as its last success is
    /// newer: the oldest is the one with the oldest success.)
    @inlinable public func dataAge(at now: Date) -> Int? {
        guard hasSources else { return nil }
        guard let oldestSuccess else { return 0 }
        return max(0, Int(saturating: now.timeIntervalSince(oldestSuccess).rounded(.down)))
    }

    /// Sets the fields kept for the overview from alarms, zones and sources.
    mutating func noteTrouble() {
        unhealthy = zones.reduce(0) { $0 + $1.unhealthy }
        isStale = sources.contains { $0.health != .ok }
        hasSources = !sources.isEmpty
        oldestSuccess = sources.lazy.compactMap(\.lastSuccess).min()
        let flags = (worstAlarm == .alarm ? 0 : 4) + (unhealthy > 0 ? 0 : 2) + (isStale ? 0 : 1)
        troubleKey = flags << 32 - min(unhealthy, Int(UInt32.max))
    }

    /// What the metric fields were computed from: the number of series and of points, the newest
    /// point's time and the sum of the latest values (a revised newest datapoint changes it).
    struct MetricsSignature: Sendable, Hashable {
        var series = 0, points = 0
        var newest = Date.distantPast
        var latestSum = 0.0

        init(_ state: FleetState) {
            series = state.series.count
            for s in state.series.values {
                points += s.count
                if let last = s.latest {
                    if last.time > newest { newest = last.time }
                    latestSum += last.value
                }
            }
        }
    }

    var signature: MetricsSignature

    /// The row of `state`. With `previous` (the same fleet's last row), the metric fields are taken
    /// from it when no series changed since (``MetricsSignature``): most states of a fleet polled every
    /// second bring no new datapoint, and 200 fleets' sparklines are then not recomputed every second.
    public init(_ state: FleetState, account: String? = nil, previous: FleetSummary? = nil) {
        let signature = MetricsSignature(state)
        if var row = previous, row.signature == signature, row.name == state.fleet.name {
            row.account = account
            row.setStatus(state)
            self = row
            return
        }
        self.signature = signature
        name = state.fleet.name
        region = state.fleet.region
        self.account = account
        alarmsFiring = []
        alarmJustRaised = false
        zones = []
        time = state.time
        sources = state.sources
        // The newest minutes of the panel series only: the whole day would cost 1 440 points a series.
        let end = state.time
        let from = end.addingTimeInterval(-Double(Self.sparkMinutes * 60))
        var cpuWhole: [Series] = [], cpuZones: [Series] = []
        var requestsWhole: [Series] = [], requestsZones: [Series] = []
        var errorsWhole: [Series] = [], errorsZones: [Series] = []
        for s in state.series.values where s.key.dimension("InstanceId") == nil {
            if let metric = PanelMetric(key: s.key) {
                switch metric {
                case .cpu: s.key.zone == nil ? cpuWhole.append(s) : cpuZones.append(s)
                case .requests: s.key.zone == nil ? requestsWhole.append(s) : requestsZones.append(s)
                default: break
                }
            } else if let metric = ErrorMetric(key: s.key), metric == .target5xx || metric == .elb5xx {
                s.key.zone == nil ? errorsWhole.append(s) : errorsZones.append(s)
            }
        }
        let cpuMinutes = Self.minutes(cpuWhole, cpuZones, from: from, to: end, mean: true)
        let requestsMinutes = Self.minutes(requestsWhole, requestsZones, from: from, to: end, mean: false)
        cpuSpark = cpuMinutes.spark
        requestsSpark = requestsMinutes.spark
        cpu = cpuMinutes.spark.last!
        let newestRequests = requestsMinutes.newest
        requestsPerMinute = requestsMinutes.spark.last!
        if let t = newestRequests, let total = requestsPerMinute, total > 0, !(errorsWhole.isEmpty && errorsZones.isEmpty) {
            // Target and ELB 5XX each from its load-balancer-wide series, else its zones summed.
            var errors = 0.0
            for metric in [ErrorMetric.target5xx, .elb5xx] {
                let whole = errorsWhole.filter { ErrorMetric(key: $0.key) == metric }
                let parts = errorsZones.filter { ErrorMetric(key: $0.key) == metric }
                for s in whole.isEmpty ? parts : [whole.min { $0.key < $1.key }!] { errors += s.value(at: t) ?? 0 }
            }
            fiveXXRate = errors / total
        } else {
            fiveXXRate = nil
        }
        setStatus(state)
    }

    /// A sparkline's values: the points of the fleet-wide series (the first by key when several),
    /// else of the per-zone ones combined (summed, or averaged when `mean`), at `to` or before and
    /// after `from`; `newest` is the newest point's time and `spark` the value at each of the
    /// ``sparkMinutes`` whole minutes before it, oldest first (nil where no series has a point at
    /// that very time). Sums are added in series order, without a table per point in time.
    static func minutes(_ whole: [Series], _ parts: [Series], from: Date, to end: Date,
                        mean: Bool) -> (newest: Date?, spark: [Double?]) {
        let chosen = whole.isEmpty ? parts : [whole.min { $0.key < $1.key }!]
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(chosen.count)
        var newest: Date?
        for s in chosen {
            let lo = s.firstIndex(atOrAfter: from)
            var hi = lo
            while hi < s.points.count, s.points[hi].time <= end { hi += 1 }
            ranges.append(lo..<hi)
            if hi > lo, newest.map({ s.points[hi - 1].time > $0 }) ?? true { newest = s.points[hi - 1].time }
        }
        guard let newest else { return (nil, Array(repeating: nil, count: sparkMinutes)) }
        var sums = [Double](repeating: 0, count: sparkMinutes)
        var counts = [Int](repeating: 0, count: sparkMinutes)
        for (s, range) in zip(chosen, ranges) {
            for i in range {
                let p = s.points[i]
                // The minute before `newest` this point is at, if it is at one exactly.
                let back = (newest.timeIntervalSince(p.time) / 60).rounded()
                guard back >= 0, back < Double(sparkMinutes) else { continue }
                let k = Int(back)
                guard newest.addingTimeInterval(-Double(k * 60)) == p.time else { continue }
                sums[sparkMinutes - 1 - k] += p.value
                counts[sparkMinutes - 1 - k] += 1
            }
        }
        let spark: [Double?] = (0..<sparkMinutes).map { i in
            counts[i] == 0 ? nil : mean ? sums[i] / Double(counts[i]) : sums[i]
        }
        return (newest, spark)
    }

    /// A new state of the same fleet whose series, instances and alarms are those this row was
    /// made from: only what moves with the clock and the sources' answers is taken.
    public mutating func refresh(clockOf state: FleetState) {
        time = state.time
        sources = state.sources
        if !alarmsFiring.isEmpty { alarmJustRaised = Self.justRaised(state) }
    }

    static func justRaised(_ state: FleetState) -> Bool {
        state.alarms.contains { alarm in
            alarm.state == .alarm && alarm.since.map { state.time.timeIntervalSince($0) <= Self.recentAlarmSeconds } ?? false
        }
    }

    /// The fields that may change with any state (alarms, target health, clock, sources).
    mutating func setStatus(_ state: FleetState) {
        time = state.time
        sources = state.sources
        let ranked = state.alarms.map(\.state).max { Self.rank($0) < Self.rank($1) }
        worstAlarm = ranked
        let firing = state.alarms.filter { $0.state == .alarm }
        alarmsFiring = firing.map(\.name).sorted()
        alarmJustRaised = Self.justRaised(state)
        var zoneNames = state.fleet.zones
        for i in state.instances where !zoneNames.contains(i.zone) { zoneNames.append(i.zone) }
        zones = zoneNames.map { zone in
            var h = ZoneHealth(zone: zone, healthy: 0, unhealthy: 0)
            for i in state.instances where i.zone == zone {
                if i.health == .healthy { h.healthy += 1 } else if i.health.isBad { h.unhealthy += 1 }
            }
            return h
        }
        noteTrouble()
    }

    /// ALARM worst, then INSUFFICIENT_DATA, then OK.
    static func rank(_ state: AlarmState) -> Int {
        switch state {
        case .ok: 0
        case .insufficientData: 1
        case .alarm: 2
        }
    }

    /// Worst first: a fleet in ALARM, then one with unhealthy hosts (more first), then a stale one,
    /// then the rest; ties by name.
    public static func worstFirst(_ a: FleetSummary, _ b: FleetSummary) -> Bool {
        let ka = a.troubleKey, kb = b.troubleKey
        if ka != kb { return ka < kb }
        return a.name < b.name
    }

}
