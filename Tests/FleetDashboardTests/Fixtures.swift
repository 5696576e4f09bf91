import FleetCore
import FleetDashboard
import Foundation

/// A hand-made fleet state in the middle of an AZ outage: every value is computed from simple
/// formulas so frames are exact and stable.
enum Fixtures {
    static let end = Date(timeIntervalSince1970: 1_764_432_000)  // 2025-11-29T16:00:00Z
    static let fleet = FleetInfo.erato

    static func outageState(minutes: Int = 60) -> FleetState {
        var state = FleetState(time: end, fleet: fleet)
        var batches: [FleetUpdate.Batch] = []
        func series(_ metric: PanelMetric, zone: String? = nil, _ f: (Int) -> Double) {
            let points = (0..<minutes).map { m in
                Datapoint(time: end.addingTimeInterval(Double((m - minutes) * 60)), value: f(m))
            }
            batches.append(FleetUpdate.Batch(key: metric.key(fleet: fleet, zone: zone), unit: metric.unit, points: points))
        }
        let outageStart = minutes / 2
        series(.cpu) { m in 40 + Double(m % 7) + (m >= outageStart ? Double(m - outageStart) : 0) }
        for (i, zone) in fleet.zones.enumerated() {
            series(.requests, zone: zone) { m in
                if zone == "us-east-1b" && m >= outageStart { return 0 }
                let base = 2000 + Double(i * 300) + Double((m * 37) % 200)
                return m >= outageStart ? base * 1.5 : base
            }
            series(.unhealthyHosts, zone: zone) { m in zone == "us-east-1b" && m >= outageStart + 2 ? 3 : 0 }
            series(.healthyHosts, zone: zone) { m in zone == "us-east-1b" && m >= outageStart + 2 ? 0 : 3 }
        }
        series(.requestsPerTarget) { m in 700 + Double((m * 13) % 150) }
        let alarm = AlarmDefinition.eratoHealthCheck(fleet: fleet)
        var instances: [Instance] = []
        for (z, zone) in fleet.zones.enumerated() {
            for n in 0..<3 {
                let id = "i-0\(z)\(n)" + String(repeating: "ab", count: 7) + "c"
                let bad = zone == "us-east-1b"
                instances.append(Instance(id: id, zone: zone, lifecycle: .inService, health: bad ? .unhealthy : .healthy,
                                          reason: bad ? "Target.Timeout" : nil, cpu: bad ? 0 : 55 + Double(n * 4 + z)))
            }
        }
        instances.append(Instance(id: "i-0f00000000000001a", zone: "us-east-1a", lifecycle: .pending, health: .initial,
                                  reason: "Elb.RegistrationInProgress", cpu: nil))
        state.apply(FleetUpdate(
            time: end, metrics: batches, instances: instances,
            alarms: [AlarmStatus(definition: alarm, state: .alarm, since: end.addingTimeInterval(-600),
                                 reason: "Threshold Crossed")],
            targets: [TargetLine(metric: .cpu, value: 70, label: "target 70%"),
                      TargetLine(metric: .requestsPerTarget, value: 1000, label: "target 1000/target")],
            status: SourceStatus(name: "mock", detail: "mock:az-outage ×1", health: .ok, lastSuccess: end, newestData: end)))
        return state
    }

    static func dashboard(width: Int, height: Int) -> DashboardState {
        DashboardState(fleet: outageState(), now: end, width: width, height: height)
    }
}
