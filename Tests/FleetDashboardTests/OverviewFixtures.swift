import FleetCore
import FleetDashboard
import Foundation

/// Hand-made fleets for the overview: names, regions and trouble chosen by index, every value from
/// simple formulas so frames are exact.
enum OverviewFixtures {
    static let services = ["erato-backend", "billing-api", "search-frontend", "checkout", "auth-service",
                           "media-transcoder", "notifications", "inventory", "ledger", "orders"]
    static let regions = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"]

    /// What goes wrong with fleet `i`: every 7th in ALARM (one of them just now), every 5th has an
    /// unhealthy host, every 11th has a stale source.
    static func fleet(_ i: Int) -> FleetState {
        let region = regions[i % regions.count]
        let name = services[i % services.count] + (i < services.count ? "" : "-\(i / services.count + 1)")
        let zones = ["a", "b", "c"].prefix(i % 4 == 3 ? 2 : 3).map { region + $0 }
        let info = FleetInfo(name: name, region: region, zones: Array(zones), loadBalancer: name + "-alb",
                             autoScalingGroup: name + "-asg")
        let end = Fixtures.end
        var state = FleetState(time: end, fleet: info)
        var batches: [FleetUpdate.Batch] = []
        func series(_ metric: PanelMetric, zone: String? = nil, _ f: (Int) -> Double) {
            let points = (0..<40).map { m in Datapoint(time: end.addingTimeInterval(Double((m - 40) * 60)), value: f(m)) }
            batches.append(FleetUpdate.Batch(key: metric.key(fleet: info, zone: zone), unit: metric.unit, points: points))
        }
        series(.cpu) { m in 20 + Double((m * (i + 3)) % 50) }
        for (z, zone) in zones.enumerated() {
            series(.requests, zone: zone) { m in 1000 + Double(i * 100 + z * 50 + (m * 37) % 400) }
        }
        let target5xx = ErrorMetric.target5xx.key(fleet: info, zone: zones[0])
        batches.append(FleetUpdate.Batch(key: target5xx, unit: "Count", points: (0..<40).map { m in
            Datapoint(time: end.addingTimeInterval(Double((m - 40) * 60)), value: i % 7 == 0 ? 30 : 0)
        }))
        var instances: [Instance] = []
        for (z, zone) in zones.enumerated() {
            for n in 0..<(2 + i % 3) {
                let bad = (i % 5 == 2 && z == 1 && n == 0) || (i % 7 == 0 && z == 0)
                instances.append(Instance(id: "i-\(i)\(z)\(n)", zone: zone, lifecycle: .inService,
                                          health: bad ? .unhealthy : .healthy, cpu: 40))
            }
        }
        let alarm = AlarmDefinition.eratoHealthCheck(fleet: info)
        let firing = i % 7 == 0
        let since = end.addingTimeInterval(i == 7 ? -120 : -3600)
        let stale = i % 11 == 5
        state.apply(FleetUpdate(
            time: end, metrics: batches, instances: instances,
            alarms: [AlarmStatus(definition: alarm, state: firing ? .alarm : .ok, since: since)],
            status: SourceStatus(name: "mock", detail: "mock", health: stale ? .stale : .ok,
                                 lastSuccess: stale ? end.addingTimeInterval(-600) : end,
                                 newestData: stale ? end.addingTimeInterval(-600) : end)))
        return state
    }

    static func overview(count: Int, width: Int, height: Int) -> OverviewState {
        let fleets = (0..<count).map(fleet)
        let dashboard = DashboardState(fleet: fleets[0], now: Fixtures.end, width: width, height: height)
        return OverviewState(fleets: fleets, accounts: (0..<count).map { ["prod", "staging", nil][$0 % 3] },
                             dashboard: dashboard)
    }
}
