import FleetCore
import Foundation

/// A small, deterministic model of the Erato fleet: an ALB in front of an Auto Scaling group.
///
/// It steps in simulated time, 5 s at a time, from `start` (rounded down to the minute):
/// - **traffic** follows ``TrafficModel`` (daily curve × scenario × noise); the ALB (cross-zone)
///   splits it evenly over the healthy targets, or over all registered ones when none is healthy;
/// - **health checks** run every 30 s per target, each at its own offset, and FleetCore's
///   ``TargetHealthMachine`` applies the ALB rules (3/3 thresholds);
/// - **CPU** of each instance follows the requests it received in the minute;
/// - **target tracking** (``TargetTrackingScaler``) reads the group's one-minute average CPU;
///   new instances are `Pending` for 3–5 minutes, then `InService`/`initial` until their first
///   passing check (the ALB rule for a newly registered target); removed ones are `Terminating`/`draining` for the 2-minute deregistration delay;
/// - **metrics** come out once per simulated minute, timestamped at the start of the minute, as
///   CloudWatch publishes them.
///
/// The same scenario, seed and start always give the same output, bit for bit, however the
/// simulation is advanced (one call of 24 hours, or many small ones).
///
/// The group uses EC2 health checks (the default): unhealthy targets are not replaced.
public struct FleetSimulator: Sendable {
    /// Seconds per simulation step.
    public static let step = 5
    /// Seconds a deregistering target drains before it is gone.
    public static let deregistrationDelay = 120
    /// Chance that one health check of a sound target times out anyway (never 3 in a row in practice).
    static let flakeRate = 0.002

    public let scenario: Scenario
    public let seed: UInt64
    public let fleet: FleetInfo
    /// Minute 0 of the simulation and of the scenario's timeline.
    public let start: Date
    public let healthCheck: HealthCheckConfig
    public var policy: TargetTrackingPolicy { scaler.policy }

    /// Seconds simulated so far.
    public private(set) var elapsed = 0
    public private(set) var desiredCapacity: Int
    /// Fleet-wide `UnHealthyHostCount` (Maximum per minute) of the last hour, for the alarm.
    public private(set) var unhealthyHistory: [Datapoint] = []
    /// The health-check alarm as of the last period boundary.
    public internal(set) var healthAlarm: AlarmStatus {
        didSet { delivered.alarms = false }
    }

    var traffic: TrafficModel
    var scaler: TargetTrackingScaler
    var members: [SimulatedInstance] = []
    var launches = 0
    var idRNG: SplitMix64
    var laneRNG: SplitMix64
    var flakeRNG: SplitMix64
    var cpuRNG: SplitMix64
    var latencyRNG: SplitMix64
    /// Events not yet handed out (``drainUpdate()``).
    var pendingEvents: [FleetEvent] = []
    /// The suffix of the target-tracking alarms' names (CloudWatch gives them a UUID).
    let alarmSuffix: String
    var refreshes = 0
    var deployLive = false
    /// Index of the zone `az-outage` darkens.
    let outageZone: Int
    let zoneCount: Int
    let healthInterval: Int

    var minute: MinuteAccumulator
    var output = MetricOutput()
    let slots: FleetSlots
    // Scratch counts, kept to avoid allocating every step.
    var healthyNow: [Int]
    var unhealthyNow: [Int]
    /// What ``drainUpdate()`` has handed out, so that an unchanged instance list, alarm or target
    /// line is not built and sent again (`nil` in the update leaves what the state has).
    var delivered = Delivered()

    public init(scenario: Scenario, seed: UInt64, start: Date, fleet: FleetInfo = .erato,
                healthCheck: HealthCheckConfig = .erato, policy: TargetTrackingPolicy = .erato) {
        precondition(!fleet.zones.isEmpty, "a fleet needs at least one zone")
        precondition(healthCheck.interval % Self.step == 0 && healthCheck.interval > 0,
                     "the health-check interval must be a multiple of \(Self.step) s")
        self.scenario = scenario
        self.seed = seed
        self.fleet = fleet
        self.start = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / 60).rounded(.down) * 60)
        self.healthCheck = healthCheck
        self.healthInterval = healthCheck.interval
        self.scaler = TargetTrackingScaler(policy: policy)
        self.desiredCapacity = policy.minSize
        self.traffic = TrafficModel(seed: seed)
        self.idRNG = SplitMix64(seed: seed, stream: 2)
        self.laneRNG = SplitMix64(seed: seed, stream: 3)
        self.flakeRNG = SplitMix64(seed: seed, stream: 4)
        self.cpuRNG = SplitMix64(seed: seed, stream: 5)
        self.latencyRNG = SplitMix64(seed: seed, stream: 6)
        self.alarmSuffix = FleetSimulator.uuid(seed: seed)
        self.outageZone = scenario.darkZone(fleet: fleet).flatMap { fleet.zones.firstIndex(of: $0) } ?? -1
        self.zoneCount = fleet.zones.count
        self.minute = MinuteAccumulator(zones: fleet.zones.count)
        self.healthyNow = Array(repeating: 0, count: fleet.zones.count + 1)
        self.unhealthyNow = healthyNow
        self.healthAlarm = FleetSimulator.newAlarm(fleet: fleet)
        var output = MetricOutput()
        self.slots = FleetSlots(fleet: fleet, output: &output)
        self.output = output

        // A settled fleet: the minimum, spread round-robin over the zones, healthy.
        for i in 0..<policy.minSize {
            var instance = makeInstance(zone: i % fleet.zones.count, readyAt: 0)
            instance.lifecycle = .inService
            instance.checker = .healthy(config: healthCheck)
            instance.nextCheck = firstCheckOffset()
            members.append(instance)
        }
    }

    /// The simulated now.
    public var now: Date { start.addingTimeInterval(TimeInterval(elapsed)) }

    /// The instances as the dashboard shows them, by zone then id.
    public var instances: [Instance] {
        members.sorted { ($0.zone, $0.idBits) < ($1.zone, $1.idBits) }.map { $0.snapshot(zones: fleet.zones) }
    }

    /// Steps until `time` (whole steps only; a later call continues where this one stopped).
    public mutating func advance(to time: Date) {
        let target = Int(time.timeIntervalSince(start).rounded(.down))
        while elapsed + Self.step <= target { stepOnce() }
    }

    public mutating func advance(by seconds: TimeInterval) {
        advance(to: now.addingTimeInterval(seconds))
    }

    // MARK: - One step

    mutating func stepOnce() {
        let t = elapsed
        let conditions = scenario.conditions(elapsed: t)
        let dark = conditions.zoneOutage ? outageZone : -1
        if t % 60 == 0 { traffic.nextMinute() }
        if conditions.badDeploy != deployLive { setDeploy(live: conditions.badDeploy) }
        updateLifecycles(at: t)
        runHealthChecks(at: t, dark: dark)
        let demand = traffic.demandPerMinute(at: now, factor: conditions.trafficFactor) * Double(Self.step) / 60
        route(demand: demand, dark: dark)
        sampleHealth()
        elapsed += Self.step
        if elapsed % 60 == 0 { finishMinute(dark: dark) }
    }

    mutating func setDeploy(live: Bool) {
        deployLive = live
        noteRefresh(live: live)
        if live {
            // The first batch: a third (rounded up) of the InService instances, oldest first.
            let running = members.indices.filter { members[$0].lifecycle == .inService }
                .sorted { members[$0].launchIndex < members[$1].launchIndex }
            for i in running.prefix((running.count + 2) / 3) { members[i].badBuild = true }
        } else {
            for i in members.indices { members[i].badBuild = false }
        }
    }

    mutating func updateLifecycles(at t: Int) {
        var i = 0
        while i < members.count {
            switch members[i].lifecycle {
            case .terminating where members[i].goneAt <= t:
                members.remove(at: i)
                continue
            case .pending where members[i].readyAt <= t:
                members[i].lifecycle = .inService
                noteLaunch(members[i])
                members[i].checker = TargetHealthMachine(config: healthCheck)
                members[i].nextCheck = t + firstCheckOffset()
            default:
                break
            }
            i += 1
        }
    }

    /// When a target's first check comes: within one interval, on a step.
    mutating func firstCheckOffset() -> Int {
        Self.step * laneRNG.int(below: healthInterval / Self.step)
    }

    mutating func runHealthChecks(at t: Int, dark: Int) {
        for i in members.indices where members[i].nextCheck <= t && members[i].lifecycle == .inService {
            let result: HealthCheckFailure?
            if members[i].zone == dark {
                result = .timeout
            } else if members[i].badBuild {
                result = .responseCodeMismatch  // HTTP 500
            } else if flakeRNG.unit() < Self.flakeRate {
                result = .timeout
            } else {
                result = nil
            }
            let id = members[i].id, zone = fleet.zones[members[i].zone], time = now
            if let event = members[i].checker?.record(result, at: time, instance: id, zone: zone) {
                pendingEvents.append(event)
            }
            members[i].nextCheck += healthInterval
        }
    }

    /// Spreads `demand` requests evenly over the healthy targets (cross-zone load balancing), or
    /// over every registered target when none is healthy (the ALB fails open).
    mutating func route(demand: Double, dark: Int) {
        var healthy = 0, registered = 0
        for i in members.indices where members[i].lifecycle == .inService {
            registered += 1
            if members[i].checker?.state == .healthy { healthy += 1 }
        }
        guard registered > 0 else { return }
        let failOpen = healthy == 0
        let share = demand / Double(failOpen ? registered : healthy)
        for i in members.indices where members[i].lifecycle == .inService {
            guard failOpen || members[i].checker?.state == .healthy else { continue }
            members[i].requests += share
            minute.requests[members[i].zone] += share
            if members[i].zone == dark {
                minute.elbErrors += share
                minute.elbErrorsByZone[members[i].zone] += share
            } else if members[i].badBuild {
                minute.targetErrors += share
                minute.targetErrorsByZone[members[i].zone] += share
            }
        }
        minute.requestsPerTarget += share
    }

    /// Counts healthy and unhealthy targets per zone now, for the minute's Maximum.
    mutating func sampleHealth() {
        for i in 0...zoneCount {
            healthyNow[i] = 0
            unhealthyNow[i] = 0
        }
        for i in members.indices where members[i].lifecycle == .inService {
            switch members[i].checker?.state {
            case .healthy?:
                healthyNow[members[i].zone] += 1
                healthyNow[zoneCount] += 1
            case .unhealthy?:
                unhealthyNow[members[i].zone] += 1
                unhealthyNow[zoneCount] += 1
            default:
                break
            }
        }
        minute.sample(healthy: healthyNow, unhealthy: unhealthyNow)
    }

    // MARK: - One minute

    mutating func finishMinute(dark: Int) {
        let minuteStart = start.addingTimeInterval(TimeInterval(elapsed - 60))
        var cpuSum = 0.0, reporting = 0
        var latency = ZoneLatency(zones: zoneCount)
        for i in members.indices {
            defer { members[i].requests = 0 }
            if members[i].zone != dark, members[i].requests > 0 {
                latency.add(members[i].requests, responseTimes(of: members[i]), zone: members[i].zone)
            }
            guard members[i].lifecycle != .pending, members[i].zone != dark else {
                members[i].cpu = nil
                continue
            }
            let jitter = members[i].cpuBias + 1.5 * cpuRNG.normal()
            let cpu = traffic.cpu(requestsPerMinute: members[i].requests, jitter: jitter)
            members[i].cpu = cpu
            output.emit(members[i].cpuSlot, minuteStart, cpu)
            if members[i].lifecycle == .inService {
                cpuSum += cpu
                reporting += 1
            }
        }
        let average = reporting > 0 ? cpuSum / Double(reporting) : nil
        if let average { output.emit(slots.cpu, minuteStart, average) }
        minute.emit(into: &output, slots: slots, at: minuteStart)
        latency.emit(into: &output, slots: slots, at: minuteStart)
        unhealthyHistory.append(Datapoint(time: minuteStart, value: Double(minute.maxUnhealthy[zoneCount])))
        if unhealthyHistory.count > 120 { unhealthyHistory.removeFirst(unhealthyHistory.count - 60) }
        minute.reset()
        evaluateAlarmIfAtBoundary()

        let warmingUp = members.contains { $0.lifecycle == .pending }
        if let next = scaler.observe(average: average, reporting: reporting, elapsed: elapsed,
                                     desired: desiredCapacity, warmingUp: warmingUp) {
            noteScaling(from: desiredCapacity, to: next)
            desiredCapacity = next
        }
        reconcile(dark: dark)
    }

    // MARK: - Capacity

    /// Launches or terminates until the group's running instances match the desired capacity.
    mutating func reconcile(dark: Int) {
        var active = members.filter { $0.lifecycle != .terminating }.count
        while active < desiredCapacity, let zone = placementZone(dark: dark) {
            let warmup = 180 + Self.step * laneRNG.int(below: 25)  // 3 to 5 minutes
            members.append(makeInstance(zone: zone, readyAt: elapsed + warmup))
            noteLaunch(members[members.count - 1])
            active += 1
        }
        while active > desiredCapacity, let victim = scaleInVictim() {
            members[victim].lifecycle = .terminating
            members[victim].goneAt = elapsed + (members[victim].checker == nil ? 30 : Self.deregistrationDelay)
            members[victim].badBuild = false
            noteTermination(members[victim])
            active -= 1
        }
    }

    /// The zone with the fewest running instances that can launch (not dark); ties: fleet order.
    func placementZone(dark: Int) -> Int? {
        let counts = activeCounts()
        return counts.indices.filter { $0 != dark }.min { (counts[$0], $0) < (counts[$1], $1) }
    }

    /// The newest instance of the zone with the most running instances; ties: fleet order.
    func scaleInVictim() -> Int? {
        let counts = activeCounts()
        guard let zone = counts.indices.max(by: { (counts[$0], $1) < (counts[$1], $0) }) else { return nil }
        return members.indices.filter { members[$0].zone == zone && members[$0].lifecycle != .terminating }
            .max { members[$0].launchIndex < members[$1].launchIndex }
    }

    func activeCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: zoneCount)
        for m in members where m.lifecycle != .terminating { counts[m.zone] += 1 }
        return counts
    }

    mutating func makeInstance(zone: Int, readyAt: Int) -> SimulatedInstance {
        let bits = idRNG.next()
        let slot = output.register(
            MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                      dimensions: [Dimension("InstanceId", SimulatedInstance.instanceID(bits))]),
            unit: "Percent")
        defer { launches += 1 }
        return SimulatedInstance(idBits: bits, zone: zone, launchIndex: launches, cpuSlot: slot,
                                 cpuBias: laneRNG.uniform(-2, 2), lifecycle: .pending, launchedAt: elapsed,
                                 readyAt: readyAt)
    }
}
