import Foundation

/// The fleet state as the `snapshot --format json` contract prints it:
///
///     {"time": "...", "fleet": "erato-backend",
///      "metrics": {"cpu": {"latest": 41.2, "unit": "Percent", "points": [["<ISO>", 40.1], ...]}, ...},
///      "zones": [{"name": "us-east-1a", "healthy": 2, "unhealthy": 0, "instances": [...]}],
///      "alarms": [{"name": "...", "state": "OK"}],
///      "sources": [{"name": "mock", "status": "ok", "age_seconds": 0}],
///      "events": [{"time": "...", "kind": "health", "zone": "us-east-1b", "instance": "i-...", "text": "..."}]}
///
/// `events` are newest first; `zone` and `instance` are left out when an event has none.
///
/// `metrics` holds the panel metrics (``PanelMetric``) and the errors-and-latency ones
/// (``ErrorMetric``: `target_5xx`, `elb_5xx`, `response_time_p50`, `response_time_p99`).
///
/// Later fields are only ever added, never renamed.
public struct FleetSnapshotJSON: Encodable, Sendable {
    struct Metric: Encodable, Sendable {
        var latest: Double?
        var unit: String
        var points: [Point]
        var zones: [String: ZoneMetric]?
    }

    struct ZoneMetric: Encodable, Sendable {
        var latest: Double?
    }

    struct Point: Encodable, Sendable {
        var time: Date
        var value: Double

        func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(ISOTime.string(time))
            try c.encode(value)
        }
    }

    struct Zone: Encodable, Sendable {
        var name: String
        var healthy: Int
        var unhealthy: Int
        var instances: [ZoneInstance]
    }

    struct ZoneInstance: Encodable, Sendable {
        var id: String
        var lifecycle: String
        var health: String
        var cpu: Double?
        var reason: String?
    }

    struct Alarm: Encodable, Sendable {
        var name: String
        var state: String
        var since: String?
        var metric: String
        var threshold: Double
        var comparison: String
        var reason: String
    }

    struct Event: Encodable, Sendable {
        var time: String
        var kind: String
        var zone: String?
        var instance: String?
        var text: String
    }

    struct Source: Encodable, Sendable {
        var name: String
        var status: String
        var age_seconds: Int
        var detail: String
        var error: String?
    }

    var time: String
    var fleet: String
    var region: String
    var window: [String]
    var metrics: [String: Metric]
    var zones: [Zone]
    var alarms: [Alarm]
    var sources: [Source]
    /// Newest first, those in the window.
    var events: [Event]
    /// With several fleets: each fleet's overview row, worst first (``addFleets(_:now:)``); left out otherwise.
    var fleets: [FleetRow]?

    /// One fleet of `fleets`: what its overview row shows.
    struct FleetRow: Encodable, Sendable {
        struct ZoneHealth: Encodable, Sendable {
            var name: String
            var healthy: Int
            var unhealthy: Int
        }

        var name: String
        var region: String
        var account: String?
        /// The worst alarm state (`ALARM`, `INSUFFICIENT_DATA`, `OK`); left out without alarms.
        var alarm: String?
        var alarms_firing: [String]
        var alarm_just_raised: Bool
        var zones: [ZoneHealth]
        var cpu: Double?
        var cpu_spark: [Double?]
        var requests_per_minute: Double?
        var requests_spark: [Double?]
        var five_xx_rate: Double?
        var data_age_seconds: Int?
        var stale: Bool
    }

    /// Adds `fleets:`, one row per summary in the order given, ages at `now`.
    public mutating func addFleets(_ summaries: [FleetSummary], now: Date) {
        fleets = summaries.map { s in
            FleetRow(name: s.name, region: s.region, account: s.account, alarm: s.worstAlarm?.rawValue,
                     alarms_firing: s.alarmsFiring, alarm_just_raised: s.alarmJustRaised,
                     zones: s.zones.map { FleetRow.ZoneHealth(name: $0.zone, healthy: $0.healthy, unhealthy: $0.unhealthy) },
                     cpu: s.cpu.map { ($0 * 10).rounded() / 10 }, cpu_spark: s.cpuSpark.map { $0.map { ($0 * 10).rounded() / 10 } },
                     requests_per_minute: s.requestsPerMinute, requests_spark: s.requestsSpark,
                     five_xx_rate: s.fiveXXRate, data_age_seconds: s.dataAge(at: now), stale: s.isStale)
        }
    }

    /// The snapshot of `state` over the window `start...end`, ages measured at `now`.
    public init(state: FleetState, start: Date, end: Date, now: Date) {
        time = ISOTime.string(state.time)
        fleet = state.fleet.name
        region = state.fleet.region
        window = [ISOTime.string(start), ISOTime.string(end)]
        func metric(_ whole: Series?, zone: (String) -> Series?) -> Metric? {
            guard let whole else { return nil }
            let points = whole.points(from: start, to: end)
            var zones: [String: ZoneMetric] = [:]
            for name in state.fleet.zones {
                if let z = zone(name) { zones[name] = ZoneMetric(latest: z.points(from: start, to: end).last?.value) }
            }
            return Metric(latest: points.last?.value, unit: whole.unit,
                          points: points.map { Point(time: $0.time, value: $0.value) },
                          zones: zones.isEmpty ? nil : zones)
        }
        var metrics: [String: Metric] = [:]
        for m in [PanelMetric.cpu, .requests, .unhealthyHosts, .healthyHosts, .requestsPerTarget] {
            metrics[m.rawValue] = metric(state.panelSeries(m)) { state.panelSeries(m, zone: $0) }
        }
        for m in ErrorMetric.allCases {
            metrics[m.rawValue] = metric(state.errorSeries(m)) { state.errorSeries(m, zone: $0) }
        }
        self.metrics = metrics
        var zoneNames = state.fleet.zones
        for i in state.instances where !zoneNames.contains(i.zone) { zoneNames.append(i.zone) }
        zones = zoneNames.map { zone in
            let members = state.instances(inZone: zone)
            return Zone(name: zone,
                        healthy: members.filter { $0.health == .healthy }.count,
                        unhealthy: members.filter { $0.health.isBad }.count,
                        instances: members.map {
                            ZoneInstance(id: $0.id, lifecycle: $0.lifecycle.rawValue, health: $0.health.rawValue,
                                         cpu: $0.cpu.map { ($0 * 10).rounded() / 10 }, reason: $0.reason)
                        })
        }
        alarms = state.alarms.map {
            Alarm(name: $0.name, state: $0.state.rawValue, since: $0.since.map(ISOTime.string),
                  metric: "\($0.definition.namespace) \($0.definition.metricName)",
                  threshold: $0.definition.threshold, comparison: $0.definition.comparison.rawValue,
                  reason: $0.reason)
        }
        sources = state.sources.map {
            Source(name: $0.name, status: $0.health.rawValue, age_seconds: $0.age(at: now), detail: $0.detail,
                   error: $0.lastError)
        }
        events = state.events.events(from: start, to: end).reversed().map {
            Event(time: ISOTime.string($0.time), kind: $0.kind.rawValue, zone: $0.zone, instance: $0.instance,
                  text: $0.text)
        }
    }

    /// The JSON text, keys sorted so the output is stable.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Plain structs of strings and numbers (non-finite ones as strings): encoding cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }
}
