import AlarmDefinitions
import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
import Testing

/// Run by hand: `FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1 swift test -c release --filter ScalingBenchmark`.
/// Budget (release): the scaling fixture's four policies previewed over a week of 1-minute data in < 20 ms.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1"), .integration)
struct ScalingBenchmarkTests {
    /// 2026-11-29 10:00:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_946_400)

    /// A week of the group's CPU and requests per target: a daily cycle between 30 % and 90 % with noise
    /// and an hour-long spike every other day, recorded at 6 instances.
    static func week() -> PreviewData {
        var rng = SplitMix64(seed: 42)
        var cpu: [Datapoint] = [], requests: [Datapoint] = []
        for i in 0..<10_080 {
            let time = t0.addingTimeInterval(Double(i) * 60)
            let day = Double(i % 1440) / 1440
            var value = 60 - 30 * cos(2 * .pi * day) + Double(rng.next() % 100) / 20
            if (i / 1440) % 2 == 1, (i % 1440) >= 600, (i % 1440) < 660 { value += 25 }
            cpu.append(Datapoint(time: time, value: value))
            requests.append(Datapoint(time: time, value: value * 12))
        }
        let lb = Dimension("LoadBalancer", "app/erato-backend-alb/50dc6c495c0c9188")
        return PreviewData(series: [
            .init(key: MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                 dimensions: [Dimension("AutoScalingGroupName", "erato-backend-asg")]),
                  unit: "Percent", period: 60, points: cpu),
            .init(key: MetricKey(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                                 dimensions: [lb]), unit: "Count", period: 60, points: requests),
        ], capacity: CapacityPath([.init(time: t0, capacity: 6)]))
    }

    static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    @Test func aWeekWithTheFourPolicies() throws {
        let loaded = try TerraformScaling.load(path: FixtureFiles.path("scaling/erato-scaling.tf"))
        #expect(loaded.policies.count == 4)
        let data = Self.week()
        let group = ScalingGroup(name: "erato-backend-asg", minSize: 3, maxSize: 12, desiredCapacity: 6,
                                 defaultInstanceWarmup: 180)
        let end = Self.t0.addingTimeInterval(10_080 * 60)
        var preview: ScalingPreview?
        let runs = (0..<7).map { _ in
            ContinuousClock().measure {
                let setup = ScalingPreviewSetup(loaded: loaded, data: data, dataName: "week", groupName: group.name,
                                                model: .proportional, assumptions: .standard)
                preview = ScalingSimulation.run(setup.inputs, group: group, initialCapacity: 6, recorded: data.capacity,
                                                start: Self.t0, end: end)
            }
        }.map(Self.ms).sorted()
        let setupOnly = (0..<3).map { _ in
            ContinuousClock().measure {
                _ = ScalingPreviewSetup(loaded: loaded, data: data, dataName: "week", groupName: group.name,
                                        model: .proportional, assumptions: .standard)
            }
        }.map(Self.ms).min()!
        let result = try #require(preview)
        print("bench scaling week: setup alone \(setupOnly) ms")
        print("bench scaling week: 10080 minutes, 4 policies (3 act), \(result.activities.count) activities, "
              + "peak \(result.peakCapacity): best \(runs[0]) ms, median \(runs[3]) ms, worst \(runs[6]) ms")
        #expect(result.activities.count > 0)
        #if !DEBUG
        #expect(runs[3] < 20)
        #endif
    }
}
