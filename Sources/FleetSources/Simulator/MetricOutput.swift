import FleetCore
import Foundation

/// Datapoints produced and not yet handed out. Series are addressed by slot numbers (registered
/// once), which keeps hashing of metric keys out of the simulation loop.
struct MetricOutput: Sendable {
    private(set) var keys: [MetricKey] = []
    private var units: [String] = []
    private var points: [[Datapoint]] = []
    /// The slots in key order (``MetricKey``'s `<`), kept as series are registered: draining then
    /// never sorts (the key order compares descriptions, strings built on every comparison).
    private var order: [Int] = []
    /// Each slot's key description, for placing new slots in ``order``.
    private var descriptions: [String] = []
    /// Slots holding points not yet drained.
    private var pending = 0

    /// A new series; returns its slot.
    mutating func register(_ key: MetricKey, unit: String) -> Int {
        let slot = keys.count
        let description = key.description
        keys.append(key)
        units.append(unit)
        points.append([])
        descriptions.append(description)
        // After every equal key, as a stable sort of the registration order would place it.
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if description < descriptions[order[mid]] { high = mid } else { low = mid + 1 }
        }
        order.insert(slot, at: low)
        return slot
    }

    mutating func emit(_ slot: Int, _ time: Date, _ value: Double) {
        if points[slot].isEmpty { pending += 1 }
        points[slot].append(Datapoint(time: time, value: value))
    }

    /// Everything produced since the last call, in key order.
    mutating func drain() -> [FleetUpdate.Batch] {
        guard pending > 0 else { return [] }
        var batches: [FleetUpdate.Batch] = []
        batches.reserveCapacity(pending)
        for slot in order where !points[slot].isEmpty {
            batches.append(FleetUpdate.Batch(key: keys[slot], unit: units[slot], period: 60, points: points[slot]))
            points[slot].removeAll()
        }
        pending = 0
        return batches
    }
}

/// The slots of the series the simulator publishes for the fleet and its zones.
struct FleetSlots: Sendable {
    let cpu: Int
    /// Per zone, then the fleet-wide series at index `zones.count`.
    let requests: [Int]
    let healthy: [Int]
    let unhealthy: [Int]
    let requestsPerTarget: Int
    let targetErrors: Int
    let elbErrors: Int
    /// Per zone: the errors-and-latency metrics (``ErrorMetric``).
    let zoneTargetErrors: [Int]
    let zoneELBErrors: [Int]
    let zoneP50: [Int]
    let zoneP99: [Int]

    init(fleet: FleetInfo, output: inout MetricOutput) {
        func perZone(_ metric: PanelMetric) -> [Int] {
            (fleet.zones.map { Optional($0) } + [nil]).map {
                output.register(metric.key(fleet: fleet, zone: $0), unit: metric.unit)
            }
        }
        cpu = output.register(PanelMetric.cpu.key(fleet: fleet), unit: "Percent")
        requests = perZone(.requests)
        healthy = perZone(.healthyHosts)
        unhealthy = perZone(.unhealthyHosts)
        requestsPerTarget = output.register(PanelMetric.requestsPerTarget.key(fleet: fleet), unit: "Count")
        let lb = [Dimension("LoadBalancer", "app/\(fleet.loadBalancer)/50dc6c495c0c9188")]
        targetErrors = output.register(
            MetricKey(namespace: "AWS/ApplicationELB", name: "HTTPCode_Target_5XX_Count", statistic: "Sum",
                      dimensions: lb), unit: "Count")
        elbErrors = output.register(
            MetricKey(namespace: "AWS/ApplicationELB", name: "HTTPCode_ELB_5XX_Count", statistic: "Sum",
                      dimensions: lb), unit: "Count")
        func zoned(_ metric: ErrorMetric) -> [Int] {
            fleet.zones.map { output.register(metric.key(fleet: fleet, zone: $0), unit: metric.unit) }
        }
        zoneTargetErrors = zoned(.target5xx)
        zoneELBErrors = zoned(.elb5xx)
        zoneP50 = zoned(.responseTimeP50)
        zoneP99 = zoned(.responseTimeP99)
    }
}

/// What happened in the current simulated minute.
struct MinuteAccumulator: Sendable {
    let zones: Int
    /// Requests per zone.
    var requests: [Double]
    /// Requests each serving target received, summed over the steps: `RequestCountPerTarget`.
    var requestsPerTarget = 0.0
    /// Requests answered with 500 by a broken build.
    var targetErrors = 0.0
    /// Requests sent to an unreachable target (the ALB answers 504).
    var elbErrors = 0.0
    var targetErrorsByZone: [Double]
    var elbErrorsByZone: [Double]
    /// Per zone, then the fleet at index `zones`.
    var maxHealthy: [Int]
    var maxUnhealthy: [Int]

    init(zones: Int) {
        self.zones = zones
        requests = Array(repeating: 0, count: zones)
        targetErrorsByZone = requests
        elbErrorsByZone = requests
        maxHealthy = Array(repeating: 0, count: zones + 1)
        maxUnhealthy = Array(repeating: 0, count: zones + 1)
    }

    mutating func reset() {
        for z in 0..<zones {
            requests[z] = 0
            targetErrorsByZone[z] = 0
            elbErrorsByZone[z] = 0
        }
        for i in 0...zones {
            maxHealthy[i] = 0
            maxUnhealthy[i] = 0
        }
        requestsPerTarget = 0
        targetErrors = 0
        elbErrors = 0
    }

    /// Keeps the maximum of each count (the minute's `Maximum` statistic).
    mutating func sample(healthy: [Int], unhealthy: [Int]) {
        for i in 0...zones {
            if healthy[i] > maxHealthy[i] { maxHealthy[i] = healthy[i] }
            if unhealthy[i] > maxUnhealthy[i] { maxUnhealthy[i] = unhealthy[i] }
        }
    }

    func emit(into output: inout MetricOutput, slots: FleetSlots, at time: Date) {
        var total = 0.0
        for z in 0..<zones {
            output.emit(slots.requests[z], time, requests[z].rounded())
            total += requests[z]
        }
        output.emit(slots.requests[zones], time, total.rounded())
        output.emit(slots.requestsPerTarget, time, requestsPerTarget.rounded())
        for i in 0...zones {
            output.emit(slots.healthy[i], time, Double(maxHealthy[i]))
            output.emit(slots.unhealthy[i], time, Double(maxUnhealthy[i]))
        }
        output.emit(slots.targetErrors, time, targetErrors.rounded())
        output.emit(slots.elbErrors, time, elbErrors.rounded())
        for z in 0..<zones {
            output.emit(slots.zoneTargetErrors[z], time, targetErrorsByZone[z].rounded())
            output.emit(slots.zoneELBErrors[z], time, elbErrorsByZone[z].rounded())
        }
    }
}
