import FleetCore
import Foundation

/// `TargetResponseTime` in the simulator: each instance answers in a time that grows with its
/// load (about 40 ms at rest, steeply above 1,000 requests a minute); a broken build answers its
/// HTTP 500s after about 0.8 s. A zone's p50 is the request-weighted mean of its instances' p50,
/// its p99 the worst instance's p99 (a fair stand-in for a percentile of the merged requests).
/// Requests to an unreachable zone get no response, so they count as ELB 5XX, not as response time.
extension FleetSimulator {
    mutating func responseTimes(of instance: SimulatedInstance) -> (p50: Double, p99: Double) {
        let load = instance.requests / 1000
        let noise = 1 + 0.04 * latencyRNG.normal()
        let p50 = (0.038 + 0.03 * load * load) * noise
        var p99 = p50 * 3.5 + 0.4 * max(0, load - 0.9) * max(0, load - 0.9)
        if instance.badBuild { p99 = max(p99, 0.8 * noise) }
        return (max(0.001, p50), max(0.001, p99))
    }
}

/// One minute's response times per zone.
struct ZoneLatency {
    var weight: [Double]
    var p50Sum: [Double]
    var p99Max: [Double]

    init(zones: Int) {
        weight = Array(repeating: 0, count: zones)
        p50Sum = weight
        p99Max = weight
    }

    mutating func add(_ requests: Double, _ times: (p50: Double, p99: Double), zone z: Int) {
        weight[z] += requests
        p50Sum[z] += requests * times.p50
        p99Max[z] = max(p99Max[z], times.p99)
    }

    func emit(into output: inout MetricOutput, slots: FleetSlots, at time: Date) {
        for z in weight.indices where weight[z] > 0 {
            output.emit(slots.zoneP50[z], time, (p50Sum[z] / weight[z] * 10000).rounded() / 10000)
            output.emit(slots.zoneP99[z], time, (p99Max[z] * 10000).rounded() / 10000)
        }
    }
}
