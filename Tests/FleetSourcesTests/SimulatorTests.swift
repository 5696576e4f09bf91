import FleetCore
import Foundation
import Testing
@testable import FleetSources

@Suite("Fleet simulator: determinism and output shape")
struct SimulatorOutputTests {
    @Test(arguments: Scenario.allCases)
    func sameSeedSameFleet(_ scenario: Scenario) {
        let a = FleetSimulator.run(scenario: scenario, seed: 7, start: Fixture.afternoon, for: 3 * 3600)
        let b = FleetSimulator.run(scenario: scenario, seed: 7, start: Fixture.afternoon, for: 3 * 3600)
        #expect(a == b)
        #expect(a.series.count >= 20)
    }

    @Test(arguments: Scenario.allCases)
    func differentSeedsDiffer(_ scenario: Scenario) {
        let a = FleetSimulator.run(scenario: scenario, seed: 1, start: Fixture.afternoon, for: 3600)
        let b = FleetSimulator.run(scenario: scenario, seed: 2, start: Fixture.afternoon, for: 3600)
        #expect(Set(a.instances.map(\.id)).isDisjoint(with: b.instances.map(\.id)))
        #expect(a.panelSeries(.cpu)?.points != b.panelSeries(.cpu)?.points)
        #expect(a.panelSeries(.requests)?.points != b.panelSeries(.requests)?.points)
    }

    /// A poller advances the simulator in uneven small steps; the output must not depend on them.
    @Test(arguments: [Scenario.azOutage, .trafficSpike])
    func outputDoesNotDependOnHowItIsAdvanced(_ scenario: Scenario) {
        var oneGo = Recorder(scenario)
        oneGo.advance(to: Fixture.minute(150))
        var smallSteps = Recorder(scenario)
        var t = Fixture.afternoon
        var i = 0
        while t < Fixture.minute(150) {
            i += 1
            t = min(Fixture.minute(150), t.addingTimeInterval(Double(7 + (i * 13) % 50)))
            smallSteps.advance(to: t)
        }
        #expect(oneGo.state.series == smallSteps.state.series)
        #expect(oneGo.state.instances == smallSteps.state.instances)
    }

    @Test func onePointPerMinuteAtTheStartOfTheMinute() {
        let state = FleetSimulator.run(scenario: .azOutage, seed: 3, start: Fixture.afternoon.addingTimeInterval(17),
                                       for: 2 * 3600)
        let keys: [MetricKey] = [PanelMetric.cpu.key(fleet: Fixture.fleet),
                                 PanelMetric.requests.key(fleet: Fixture.fleet),
                                 PanelMetric.requestsPerTarget.key(fleet: Fixture.fleet),
                                 PanelMetric.unhealthyHosts.key(fleet: Fixture.fleet),
                                 PanelMetric.healthyHosts.key(fleet: Fixture.fleet)]
            + Fixture.fleet.zones.flatMap { z in
                [PanelMetric.requests, .unhealthyHosts, .healthyHosts].map { $0.key(fleet: Fixture.fleet, zone: z) }
            }
        for key in keys {
            let points = Array(state.series[key]?.points ?? [])
            #expect(points.count == 120, "\(key)")
            #expect(points.first?.time == Fixture.afternoon, "\(key)")  // the start is rounded down
            for (a, b) in zip(points, points.dropFirst()) {
                #expect(b.time.timeIntervalSince(a.time) == 60, "\(key)")
            }
        }
        for series in state.series.values {
            #expect(series.points.allSatisfy { $0.time.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0 })
        }
    }

    @Test func instanceIDsLookLikeEC2() {
        let state = FleetSimulator.run(scenario: .trafficSpike, seed: 9, start: Fixture.afternoon, for: 2 * 3600)
        let ids = state.series.keys.compactMap { $0.dimension("InstanceId") }
        #expect(ids.count > 6)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 19)
            #expect(id.hasPrefix("i-0"))
            #expect(id.dropFirst(3).allSatisfy { "0123456789abcdef".contains($0) }, "\(id)")
        }
    }

    @Test func publishesTheTargetLines() {
        let state = FleetSimulator.run(scenario: .steady, seed: 1, start: Fixture.afternoon, for: 120)
        #expect(state.targets == [TargetLine(metric: .cpu, value: 70, label: "target 70%"),
                                  TargetLine(metric: .requestsPerTarget, value: 1000, label: "target 1000/target")])
        #expect(state.sources.first?.name == "mock")
        #expect(state.sources.first?.newestData == Fixture.minute(1))
    }

    /// How fast is measured by the benchmarks ("Simulator, 24 h of the fleet"), not by a timed test.
    @Test func simulatesAWholeDay() {
        let state = FleetSimulator.run(scenario: .azOutage, seed: 11, start: Fixture.midnight, for: 86_400)
        #expect(state.panelSeries(.cpu)?.count == 1440)
    }
}

@Suite("Fleet simulator: scenarios")
struct ScenarioTests {
    @Test func steadyDayStaysHealthyAtMinimumUnderTargets() {
        var run = Recorder(.steady, seed: 5, start: Fixture.midnight)
        for m in 1...(24 * 60) {
            run.advance(toMinute: m)
            let sim = run.simulator
            let instances = sim.instances
            #expect(instances.count == 6)
            #expect(instances.allSatisfy { $0.lifecycle == .inService && $0.health == .healthy })
            #expect(sim.desiredCapacity == 6)
        }
        let day = (from: Fixture.midnight, to: Fixture.midnight.addingTimeInterval(86_400))
        let rpt = run.state.values(.requestsPerTarget, from: day.from, to: day.to)
        let cpu = run.state.values(.cpu, from: day.from, to: day.to)
        #expect(rpt.count == 1440)
        #expect(rpt.max()! < 1000)
        #expect(cpu.max()! < 70)
        #expect(run.state.values(.unhealthyHosts, from: day.from, to: day.to).allSatisfy { $0 == 0 })
        // The daily curve: the afternoon is much busier than the night.
        let night = run.mean(run.state.values(.requests, from: Fixture.minute(2 * 60, from: day.from),
                                              to: Fixture.minute(4 * 60, from: day.from)))
        let afternoon = run.mean(run.state.values(.requests, from: Fixture.minute(14 * 60, from: day.from),
                                                  to: Fixture.minute(16 * 60, from: day.from)))
        #expect(afternoon > 2 * night)
        #expect(night > 1000)
    }

    @Test(arguments: Scenario.allCases)
    func desiredCapacityStaysInBounds(_ scenario: Scenario) {
        var run = Recorder(scenario)
        for m in 1...240 {
            run.advance(toMinute: m)
            let sim = run.simulator
            #expect((6...12).contains(sim.desiredCapacity))
            let running = sim.instances.filter { $0.lifecycle != .terminating }.count
            #expect((6...12).contains(running))
        }
    }

    @Test func azOutageMarksEveryTargetInTheZoneUnhealthyAfterThreeFailedChecks() {
        var sim = FleetSimulator(scenario: .azOutage, seed: 42, start: Fixture.afternoon)
        let outage = Scenario.azOutage.incidentWindow!.lowerBound
        sim.advance(to: Fixture.afternoon.addingTimeInterval(TimeInterval(outage)))
        let zoneB = Set(sim.instances.filter { $0.zone == "us-east-1b" }.map(\.id))
        #expect(zoneB.count == 2)
        var firstUnhealthy: [String: Int] = [:]
        for t in stride(from: outage + 5, through: outage + 120, by: 5) {
            sim.advance(to: Fixture.afternoon.addingTimeInterval(TimeInterval(t)))
            for i in sim.instances where zoneB.contains(i.id) && i.health == .unhealthy && firstUnhealthy[i.id] == nil {
                firstUnhealthy[i.id] = t - outage
                #expect(i.reason == "Target.Timeout")
            }
            #expect(sim.instances.filter { !zoneB.contains($0.id) }.allSatisfy { $0.health == .healthy })
        }
        #expect(firstUnhealthy.count == 2)
        for (_, seconds) in firstUnhealthy {
            // The third failed check comes 60–90 s after the first one, never sooner.
            #expect(seconds > 60)
            #expect(seconds <= 95)
        }
    }

    @Test func azOutageShiftsTrafficScalesOutInSurvivingZonesAndRecovers() {
        var run = Recorder(.azOutage)
        let initial = Set(run.simulator.instances.map(\.id))
        var maxRunning = 0
        var launched: [Instance] = []
        for m in 1...80 {
            run.advance(toMinute: m)
            let sim = run.simulator
            maxRunning = max(maxRunning, sim.instances.filter { $0.lifecycle != .terminating }.count)
            launched += sim.instances.filter { !initial.contains($0.id) && !launched.map(\.id).contains($0.id) }
            if m >= 22 {
                #expect(sim.instances.filter { $0.zone == "us-east-1b" }.allSatisfy {
                    $0.health == .unhealthy && $0.reason == "Target.Timeout" && $0.cpu == nil
                })
            }
        }
        let s = run.state
        // Traffic: 1b gets nothing once its targets are unhealthy, the total is unchanged.
        #expect(s.values(.requests, zone: "us-east-1b", from: Fixture.minute(22), to: Fixture.minute(80))
            .allSatisfy { $0 == 0 })
        #expect(s.values(.requests, zone: "us-east-1b", from: Fixture.minute(0), to: Fixture.minute(20))
            .allSatisfy { $0 > 1000 })
        #expect(s.values(.unhealthyHosts, zone: "us-east-1b", from: Fixture.minute(22), to: Fixture.minute(80))
            .allSatisfy { $0 == 2 })
        #expect(s.values(.unhealthyHosts, from: Fixture.minute(22), to: Fixture.minute(80)).allSatisfy { $0 == 2 })
        // CPU climbs in the surviving zones before new capacity arrives.
        let survivors = initial.filter { id in s.instances.first { $0.id == id }?.zone != "us-east-1b" }
        func zoneCPU(_ from: Double, _ to: Double) -> Double {
            run.mean(survivors.flatMap { id in
                stride(from: from, to: to, by: 1).compactMap { s.instanceCPU(id, at: Fixture.minute($0)) }
            })
        }
        let before = zoneCPU(10, 20), during = zoneCPU(22, 26)
        #expect(during > before + 15, "CPU in 1a/1c: \(before) → \(during)")
        #expect(during > 70)
        // Scale-out, only in the surviving zones.
        #expect(maxRunning > 6)
        #expect(!launched.isEmpty)
        #expect(launched.allSatisfy { $0.zone == "us-east-1a" || $0.zone == "us-east-1c" })

        // Recovery: 1b healthy within three checks, scale-in back to the minimum.
        run.advance(toMinute: 83)
        #expect(run.simulator.instances.filter { $0.zone == "us-east-1b" }.allSatisfy { $0.health == .healthy })
        #expect(run.state.value(.requests, zone: "us-east-1b", at: Fixture.minute(82))! > 500)
        run.advance(toMinute: 180)
        #expect(run.simulator.instances.count == 6)
        #expect(run.simulator.instances.allSatisfy { $0.health == .healthy })
        #expect(Dictionary(grouping: run.simulator.instances, by: \.zone).mapValues(\.count)
            == ["us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2])
        #expect(run.state.values(.unhealthyHosts, from: Fixture.minute(83), to: Fixture.minute(180)).allSatisfy { $0 == 0 })
    }

    @Test func badDeployFailsAThirdWithResponseCodeMismatchThenRollsBack() {
        var run = Recorder(.badDeploy)
        for m in 1...15 {
            run.advance(toMinute: m)
            #expect(run.simulator.instances.allSatisfy { $0.health == .healthy })
        }
        run.advance(toMinute: 17)
        let unhealthy = run.simulator.instances.filter { $0.health == .unhealthy }
        #expect(unhealthy.count == 2)
        #expect(unhealthy.allSatisfy { $0.reason == "Target.ResponseCodeMismatch" })
        let errors = MetricKey(namespace: "AWS/ApplicationELB", name: "HTTPCode_Target_5XX_Count", statistic: "Sum",
                               dimensions: [Dimension("LoadBalancer", "app/erato-backend-alb/50dc6c495c0c9188")])
        #expect(run.state.series[errors]?.value(at: Fixture.minute(15)) ?? 0 > 0)  // served errors before ejection
        #expect(run.state.series[errors]?.value(at: Fixture.minute(10)) == 0)
        for m in 18...45 {
            run.advance(toMinute: m)
            #expect(run.simulator.instances.filter { $0.health == .unhealthy }.count == 2)
        }
        #expect(run.state.values(.requestsPerTarget, from: Fixture.minute(17), to: Fixture.minute(45)).allSatisfy { $0 > 1000 })
        run.advance(toMinute: 48)
        #expect(run.simulator.instances.allSatisfy { $0.health == .healthy })
    }

    @Test func trafficSpikeScalesOutThenIn() {
        var run = Recorder(.trafficSpike)
        var peak = 0
        for m in 1...50 {
            run.advance(toMinute: m)
            peak = max(peak, run.simulator.desiredCapacity)
        }
        #expect(peak >= 10)
        #expect(run.state.value(.requests, at: Fixture.minute(30))! > 2.5 * run.state.value(.requests, at: Fixture.minute(10))!)
        run.advance(toMinute: 120)
        #expect(run.simulator.desiredCapacity == 6)
        #expect(run.simulator.instances.count == 6)
        #expect(run.simulator.instances.allSatisfy { $0.health == .healthy })
    }

    @Test func newInstancesArePendingThenInitialThenHealthy() {
        var run = Recorder(.trafficSpike)
        let initial = Set(run.simulator.instances.map(\.id))
        var seen: [String: [TargetHealth]] = [:]
        var lifecycles: [String: [LifecycleState]] = [:]
        for t in stride(from: 15 * 60, through: 45 * 60, by: 5) {
            run.simulator.advance(to: Fixture.afternoon.addingTimeInterval(TimeInterval(t)))
            for i in run.simulator.instances where !initial.contains(i.id) {
                if seen[i.id]?.last != i.health { seen[i.id, default: []].append(i.health) }
                if lifecycles[i.id]?.last != i.lifecycle { lifecycles[i.id, default: []].append(i.lifecycle) }
            }
        }
        #expect(seen.count >= 4)
        for (id, states) in seen {
            // The first passing check makes a new target healthy (ALB rule); `initial` lasts until
            // that check and may fall between two 5 s samples.
            #expect(states == [.unused, .initial, .healthy] || states == [.unused, .healthy], "\(id)")
            #expect(lifecycles[id] == [.pending, .inService], "\(id)")
        }
    }
}
