import FleetCore
import FleetSources
import ProbeTargets
import Foundation

/// Live `/health` checks of the fleet's instances, judged the way the ALB judges them
/// (`kind: probe`).
///
/// A source never sleeps on its own schedule: each target has its own next-due time, and
/// ``poll(now:)`` hands the targets due at `now` to a background ``ProbeRunner`` and returns with
/// the checks that finished since the previous poll. Call it often (every second); a target that
/// hangs delays only its own result. Each target's first check is offset by a hash of its id ×
/// interval / targets, so a thousand targets are spread over the interval instead of checked at
/// once. Call ``shutdown()`` when done with the source.
///
/// Each poll answers the instance list (every target `InService` with its health, reason and
/// latency), and for every completed round (every target checked once more) one point of
/// `HealthyHostCount` / `UnHealthyHostCount` per zone and for the fleet, at the round's start.
public actor ProbeSource: MetricSource {
    public nonisolated let name: String
    public nonisolated let targets: [ProbeTarget]
    public nonisolated let fleet: FleetInfo
    /// Seconds between rounds: the defaults' interval, used to timestamp the round series.
    public nonisolated let roundInterval: TimeInterval
    /// Whether first checks are spread over the interval (true but in benchmarks).
    public nonisolated let spread: Bool

    private let runner: ProbeRunner
    private var slots: [Slot]
    private let index: [String: Int]
    private var origin: Date?
    private var roundsEmitted = 0
    /// Latencies (seconds) of the latest answered checks, one round's worth, for p50/p99.
    private var latencies: [Double] = []
    private var latencyNext = 0
    private var changed = true
    /// Health changes not yet handed out (from each target's ``TargetHealthMachine``).
    private var pendingEvents: [FleetEvent] = []
    /// Each answered check's time, per target, not yet handed out.
    private var pendingLatency: [Int: [Datapoint]] = [:]

    struct Slot {
        var health: TargetHealthMachine
        var offset: TimeInterval
        var nextDue: Date = .distantPast
        var inFlight = false
        var last: ProbeResult?
        /// Health after each check not yet counted in a round (front: the oldest).
        var unreported: [TargetHealth] = []
    }

    /// The default number of checks under way at once.
    public static let defaultConcurrency = 256

    public init(name: String = "probe", targets: [ProbeTarget], fleet: FleetInfo = .erato,
                roundInterval: TimeInterval? = nil, concurrency: Int = ProbeSource.defaultConcurrency,
                spread: Bool = true) {
        precondition(Set(targets.map(\.id)).count == targets.count, "target ids must be unique")
        self.name = name
        self.targets = targets
        self.fleet = fleet
        self.roundInterval = roundInterval ?? targets.map(\.settings.interval).min() ?? 30
        self.spread = spread
        runner = ProbeRunner(prober: HTTPProber(), concurrency: concurrency)
        let n = max(1, targets.count)
        slots = targets.map { t in
            let slot = spread ? Double(Self.stableHash(t.id) % UInt64(n)) : 0
            return Slot(health: TargetHealthMachine(healthyThreshold: t.settings.healthyThreshold,
                                            unhealthyThreshold: t.settings.unhealthyThreshold),
                        offset: slot * t.settings.interval / Double(n))
        }
        index = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// Stops the checks under way and shuts the HTTP client down. Polls after this return the
    /// last state and start no checks.
    public func shutdown() async {
        isShutDown = true
        await runner.shutdown()
    }

    private var isShutDown = false

    public func poll(now: Date) async throws -> FleetUpdate {
        if origin == nil {
            origin = now
            for i in slots.indices { slots[i].nextDue = now.addingTimeInterval(slots[i].offset) }
        }
        collect()
        if !isShutDown { startDue(now: now) }
        var update = FleetUpdate(time: now, metrics: roundBatches() + latencyBatches())
        update.events = pendingEvents
        pendingEvents = []
        if changed {
            update.instances = instances()
            changed = false
        }
        update.status = SourceStatus(name: name, detail: detail())
        return update
    }

    /// Takes in the checks that finished.
    private func collect() {
        for result in runner.drain() {
            guard let i = index[result.targetID] else { continue }
            let settings = targets[i].settings
            slots[i].inFlight = false
            slots[i].last = result
            let finished = result.started.addingTimeInterval(result.latency)
            if let event = slots[i].health.record(result.outcome.failure(matcher: settings.matcher), at: finished,
                                                  instance: targets[i].id, zone: targets[i].zone) {
                pendingEvents.append(event)
            }
            slots[i].unreported.append(slots[i].health.state)
            if result.outcome.statusCode != nil {
                noteLatency(result.latency)
                pendingLatency[i, default: []].append(Datapoint(time: result.started, value: result.latency))
            }
            changed = true
        }
    }

    /// Each target's check times since the last poll (``MetricKey/probeLatency(instance:)``).
    private func latencyBatches() -> [FleetUpdate.Batch] {
        defer { pendingLatency = [:] }
        return pendingLatency.keys.sorted().map { i in
            FleetUpdate.Batch(key: .probeLatency(instance: targets[i].id), unit: "Seconds",
                              period: Int(targets[i].settings.interval.rounded()), points: pendingLatency[i]!)
        }
    }

    /// Hands every target due at `now` (and not still being checked) to the runner.
    private func startDue(now: Date) {
        for i in slots.indices where !slots[i].inFlight && slots[i].nextDue <= now {
            slots[i].inFlight = true
            let interval = targets[i].settings.interval
            // Keep each target's phase; after a long pause, skip the checks that were missed.
            repeat { slots[i].nextDue.addTimeInterval(interval) } while slots[i].nextDue <= now
            runner.submit(targets[i])
        }
    }

    /// One point per zone and for the fleet for every round every target has finished.
    private func roundBatches() -> [FleetUpdate.Batch] {
        guard let origin, !slots.isEmpty else { return [] }
        let zones = zoneNames()
        var healthy: [String: [Datapoint]] = [:], unhealthy: [String: [Datapoint]] = [:]
        var fleetHealthy: [Datapoint] = [], fleetUnhealthy: [Datapoint] = []
        while slots.allSatisfy({ !$0.unreported.isEmpty }) {
            let time = origin.addingTimeInterval(Double(roundsEmitted) * roundInterval)
            var h: [String: Int] = [:], u: [String: Int] = [:]
            for i in slots.indices {
                let state = slots[i].unreported.removeFirst()
                let zone = targets[i].zone
                if state == .healthy { h[zone, default: 0] += 1 }
                if state == .unhealthy { u[zone, default: 0] += 1 }
            }
            for zone in zones {
                healthy[zone, default: []].append(Datapoint(time: time, value: Double(h[zone] ?? 0)))
                unhealthy[zone, default: []].append(Datapoint(time: time, value: Double(u[zone] ?? 0)))
            }
            fleetHealthy.append(Datapoint(time: time, value: Double(h.values.reduce(0, +))))
            fleetUnhealthy.append(Datapoint(time: time, value: Double(u.values.reduce(0, +))))
            roundsEmitted += 1
        }
        guard !fleetHealthy.isEmpty else { return [] }
        let period = max(1, Int(roundInterval.rounded()))
        var batches: [FleetUpdate.Batch] = []
        for (metric, perZone, total) in [(PanelMetric.healthyHosts, healthy, fleetHealthy),
                                         (.unhealthyHosts, unhealthy, fleetUnhealthy)] {
            batches.append(.init(key: metric.key(fleet: fleet), unit: metric.unit, period: period, points: total))
            for zone in zones {
                batches.append(.init(key: metric.key(fleet: fleet, zone: zone), unit: metric.unit, period: period,
                                     points: perZone[zone] ?? []))
            }
        }
        return batches
    }

    /// The fleet's zones that have targets, then any other zone a target names.
    private func zoneNames() -> [String] {
        let used = Set(targets.map(\.zone))
        var zones = fleet.zones.filter { used.contains($0) }
        for t in targets where !zones.contains(t.zone) { zones.append(t.zone) }
        return zones
    }

    private func instances() -> [Instance] {
        targets.indices.map { i in
            Instance(id: targets[i].id, zone: targets[i].zone, lifecycle: .inService,
                     health: slots[i].health.state, reason: slots[i].health.reason,
                     latency: slots[i].last?.latency)
        }
    }

    private func noteLatency(_ seconds: Double) {
        let capacity = max(1, targets.count)
        if latencies.count < capacity {
            latencies.append(seconds)
        } else {
            latencies[latencyNext] = seconds
            latencyNext = (latencyNext + 1) % capacity
        }
    }

    /// `probe 12 targets p50 3.1ms p99 41ms`, with `, 2 insecure` when TLS checks are skipped.
    func detail() -> String {
        var s = "probe \(targets.count) target" + (targets.count == 1 ? "" : "s")
        if let p = percentiles() { s += " p50 \(Self.formatLatency(p.p50)) p99 \(Self.formatLatency(p.p99))" }
        let insecure = targets.filter(\.settings.insecure).count
        if insecure > 0 { s += ", \(insecure) insecure" }
        return s
    }

    /// p50 and p99 (nearest rank) of the latest answered checks.
    public func percentiles() -> (p50: Double, p99: Double)? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        func rank(_ p: Double) -> Double { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        return (rank(0.5), rank(0.99))
    }

    /// The fewest checks any target has finished: the number of complete rounds.
    public var completedRounds: Int {
        slots.map(\.health.checks).min() ?? 0
    }

    /// Every target's state and the per-zone counts, as `fleetwatch probe` prints them.
    public func report() -> ProbeReport {
        collect()
        let rows = targets.indices.map { i in
            ProbeReport.Target(id: targets[i].id, zone: targets[i].zone, url: targets[i].url,
                               state: slots[i].health.state, reason: slots[i].health.reason,
                               lastStatus: slots[i].last?.outcome.statusCode,
                               latencyMs: slots[i].last.map { ($0.latency * 10_000).rounded() / 10 },
                               detail: slots[i].last?.outcome.summary,
                               insecure: targets[i].settings.insecure, checks: slots[i].health.checks)
        }
        let zones = zoneNames().map { zone in
            let members = rows.filter { $0.zone == zone }
            return ProbeReport.Zone(name: zone, healthy: members.filter { $0.state == .healthy }.count,
                                    unhealthy: members.filter { $0.state == .unhealthy }.count)
        }
        return ProbeReport(targets: rows, zones: zones)
    }

    /// `0.4ms`, `3.1ms`, `41ms`, `1.2s`.
    public static func formatLatency(_ seconds: Double) -> String {
        let ms = seconds * 1000
        if ms < 10 { return String(format: "%.1fms", ms) }
        if ms < 1000 { return "\(Int(ms.rounded()))ms" }
        return String(format: "%.1fs", seconds)
    }

    /// FNV-1a: the same id gives the same offset in every run (Swift's `hashValue` is seeded).
    static func stableHash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
