import FleetCore
import Foundation
@testable import FleetSources

enum Fixture {
    /// 2026-01-01 00:00 UTC.
    static let midnight = Date(timeIntervalSince1970: 1_767_225_600)
    /// 2026-01-01 13:00 UTC: a busy afternoon, when incidents show in CPU and scaling.
    static let afternoon = midnight.addingTimeInterval(13 * 3600)
    static let fleet = FleetInfo.erato

    static func minute(_ m: Double, from start: Date = afternoon) -> Date {
        start.addingTimeInterval(m * 60)
    }
}

extension FleetState {
    /// The value of a panel metric (fleet-wide or one zone) at `time`.
    func value(_ metric: PanelMetric, zone: String? = nil, at time: Date) -> Double? {
        series[metric.key(fleet: fleet, zone: zone)]?.value(at: time)
    }

    /// The values of a panel metric with `from <= time < to`.
    func values(_ metric: PanelMetric, zone: String? = nil, from: Date, to: Date) -> [Double] {
        (series[metric.key(fleet: fleet, zone: zone)]?.points(from: from, to: to) ?? [])
            .filter { $0.time < to }.map(\.value)
    }

    /// Per-instance CPU of `instanceID` at `time`.
    func instanceCPU(_ instanceID: String, at time: Date) -> Double? {
        series[MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                         dimensions: [Dimension("InstanceId", instanceID)])]?.value(at: time)
    }
}

/// A simulator and the fleet state built from everything it published.
struct Recorder {
    var simulator: FleetSimulator
    var state: FleetState

    init(_ scenario: Scenario, seed: UInt64 = 42, start: Date = Fixture.afternoon) {
        simulator = FleetSimulator(scenario: scenario, seed: seed, start: start)
        state = FleetState(time: simulator.start, fleet: Fixture.fleet)
    }

    mutating func advance(to time: Date) {
        simulator.advance(to: time)
        state.apply(simulator.drainUpdate())
    }

    /// Advances to `m` minutes after the start.
    mutating func advance(toMinute m: Int) {
        advance(to: simulator.start.addingTimeInterval(TimeInterval(m * 60)))
    }

    func mean(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count) }
}
