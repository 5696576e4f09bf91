import Foundation
import Testing
import FleetCore

/// The simulation over made-up minutes: target tracking, cooldown after the activity ends, warm-up.
struct ScalingSimulationTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_618_000)
    static let group = ScalingGroup(name: "asg", minSize: 2, maxSize: 20, defaultInstanceWarmup: 300)

    static func minutes(_ values: [Double]) -> [Datapoint] {
        values.enumerated().map { Datapoint(time: t0.addingTimeInterval(Double($0.offset) * 60), value: $0.element) }
    }

    static func cpuPolicy(target: Double = 70, disableScaleIn: Bool = false, name: String = "cpu") -> ScalingPolicy {
        let metric = ScalingMetric.predefined("ASGAverageCPUUtilization", group: "asg", resourceLabel: nil)!
        return ScalingPolicy(name: name, kind: .targetTracking(.init(metric: metric, targetValue: target,
                                                                     disableScaleIn: disableScaleIn)))
    }

    static func targetInput(_ policy: ScalingPolicy, _ points: [Datapoint],
                            assumptions: ScalingAssumptions = .standard) -> ScalingPolicyInput {
        let alarms = policy.targetTrackingAlarms(group: "asg", assumptions: assumptions)!
        var inputs = [ScalingAlarmInput(definition: alarms.high, role: .high, points: points, rescaled: true)]
        if let low = alarms.low { inputs.append(ScalingAlarmInput(definition: low, role: .low, points: points, rescaled: true)) }
        return ScalingPolicyInput(policy: policy, alarms: inputs)
    }

    static func end(_ n: Int) -> Date { t0.addingTimeInterval(Double(n) * 60) }

    @Test func targetTrackingScalesOutOnceWhenTheLoadFollowsCapacity() {
        let points = Self.minutes(Array(repeating: 90, count: 30))
        let preview = ScalingSimulation.run([Self.targetInput(Self.cpuPolicy(), points)], group: Self.group,
                                            initialCapacity: 6, recorded: CapacityPath([.init(time: Self.t0, capacity: 6)]),
                                            start: Self.t0, end: Self.end(30))
        // Three minutes above 70 (3 of 3), then 6 × 90 ÷ 70 = 7.7, rounded up: 8; at 8 instances the
        // modelled CPU is 90 × 6 ÷ 8 = 67.5, below the target: nothing more.
        #expect(preview.activities.map { [$0.from, $0.to] } == [[6, 8]])
        #expect(preview.activities.first?.time == Self.end(3))
        #expect(preview.activities.first?.cause.hasPrefix("At 2026-01-05T13:03:00Z a monitor alarm TargetTracking-asg-AlarmHigh-") == true)
        #expect(preview.activities.first?.cause.hasSuffix(" in state ALARM triggered policy cpu changing the desired capacity from 6 to 8.") == true)
        #expect(preview.peakCapacity == 8)
        #expect(abs(preview.instanceHours - (6 * 3 + 8 * 27) / 60.0) < 1e-9)
        #expect(preview.aboveTarget.first.map { [$0.simulated, $0.recorded] } == [3, 30])
    }

    @Test func withoutTheLoadModelItKeepsScalingUpToTheMaximum() {
        let points = Self.minutes(Array(repeating: 90, count: 12))
        let preview = ScalingSimulation.run([Self.targetInput(Self.cpuPolicy(), points)], group: Self.group,
                                            initialCapacity: 6, recorded: nil, model: .none,
                                            start: Self.t0, end: Self.end(12))
        // The alarm stays in ALARM and invokes the policy every minute: 6→8→11→15→20 (clamped at the maximum).
        #expect(preview.activities.map(\.to) == [8, 11, 15, 20])
        #expect(preview.activities.map(\.time) == [3, 4, 5, 6].map(Self.end))
    }

    @Test func scaleInWaitsForFifteenLowMinutesAndTheWarmup() {
        // 40 % for 40 minutes at 8 instances: the scale-in alarm needs 15 of 15 below 63.
        let points = Self.minutes(Array(repeating: 40, count: 40))
        let preview = ScalingSimulation.run([Self.targetInput(Self.cpuPolicy(), points)], group: Self.group,
                                            initialCapacity: 8, recorded: nil, start: Self.t0, end: Self.end(40))
        // 8 × 40 ÷ 70 = 4.57: remove 3.43, rounded down to 3 → 5. At 5 the load model gives 64, above 63.
        #expect(preview.activities.map { [$0.from, $0.to] } == [[8, 5]])
        #expect(preview.activities.first?.time == Self.end(15))
        #expect(preview.activities.first?.alarm.contains("-AlarmLow-") == true)
    }

    @Test func disableScaleInNeverRemoves() {
        let points = Self.minutes(Array(repeating: 20, count: 40))
        let preview = ScalingSimulation.run([Self.targetInput(Self.cpuPolicy(disableScaleIn: true), points)],
                                            group: Self.group, initialCapacity: 8, recorded: nil,
                                            start: Self.t0, end: Self.end(40))
        #expect(preview.activities.isEmpty)
    }

    @Test func scaleInOnlyWhenEveryTargetTrackingPolicyAgrees() {
        let low = Self.minutes(Array(repeating: 30, count: 40))
        let busy = Self.minutes(Array(repeating: 65, count: 40))
        let other = Self.cpuPolicy(target: 70, name: "other")
        let preview = ScalingSimulation.run([Self.targetInput(Self.cpuPolicy(), low), Self.targetInput(other, busy)],
                                            group: Self.group, initialCapacity: 8, recorded: nil, model: .none,
                                            start: Self.t0, end: Self.end(40))
        #expect(preview.activities.isEmpty)
    }

    @Test func scaleInIsBlockedWhileInstancesWarmUp() {
        // Up for three minutes (scale out), then low: scale-in may not start before the 20-minute warm-up ends,
        // although the scale-in alarm is in ALARM from minute 18.
        let points = Self.minutes(Array(repeating: 90, count: 3) + Array(repeating: 20, count: 57))
        let preview = ScalingSimulation.run([Self.targetInput(Self.cpuPolicy(), points)], group: Self.group,
                                            initialCapacity: 6, recorded: nil, model: .none, warmupOverride: 1200,
                                            start: Self.t0, end: Self.end(60))
        // Replayed unchanged, the metric keeps the scale-in alarm in ALARM: a minute later 3 → 2 (the minimum).
        #expect(preview.activities.map(\.time) == [Self.end(3), Self.end(23), Self.end(24)])
        #expect(preview.activities.map(\.to) == [8, 3, 2])
    }

    static func simpleInput(cooldown: Int?) -> ScalingPolicyInput {
        let alarm = AlarmDefinition(name: "cpu-high", namespace: "AWS/EC2", metricName: "CPUUtilization",
                                    dimensions: [Dimension("AutoScalingGroupName", "asg")], statistic: "Average",
                                    period: 60, evaluationPeriods: 1, threshold: 80, comparison: .greaterThanThreshold)
        let policy = ScalingPolicy(name: "add-one", kind: .simple(.init(type: .changeInCapacity, steps: [.init(adjustment: 1)],
                                                                         cooldown: cooldown)))
        let points = Self.minutes(Array(repeating: 95, count: 30))
        return ScalingPolicyInput(policy: policy, alarms: [.init(definition: alarm, role: .trigger, points: points, rescaled: false)])
    }

    @Test func simpleScalingWaitsForTheCooldownAfterTheActivityEnds() {
        let assumptions = ScalingAssumptions(activitySeconds: 120)
        let preview = ScalingSimulation.run([Self.simpleInput(cooldown: 300)], group: Self.group, initialCapacity: 4,
                                            recorded: nil, assumptions: assumptions, start: Self.t0, end: Self.end(30))
        // The alarm is in ALARM from minute 1; each activity lasts 2 minutes, then 5 minutes of cooldown.
        #expect(preview.activities.map(\.time) == [1, 8, 15, 22, 29].map(Self.end))
        #expect(preview.activities.map(\.to) == [5, 6, 7, 8, 9])
        let groupDefault = ScalingSimulation.run([Self.simpleInput(cooldown: nil)], group: Self.group, initialCapacity: 4,
                                                 recorded: nil, start: Self.t0, end: Self.end(30))
        #expect(groupDefault.activities.map(\.time) == [1, 6, 11, 16, 21, 26].map(Self.end))
    }

    @Test func stepScalingDuringWarmupAddsOnlyWhatALargerStepAsks() {
        let alarm = AlarmDefinition(name: "cpu-step", namespace: "AWS/EC2", metricName: "CPUUtilization",
                                    dimensions: [Dimension("AutoScalingGroupName", "asg")], statistic: "Average",
                                    period: 60, evaluationPeriods: 1, threshold: 50, comparison: .greaterThanOrEqualToThreshold)
        let policy = ScalingPolicy(name: "step", kind: .step(.init(type: .percentChangeInCapacity, steps: ScalingRulesTests.scaleOut)),
                                   estimatedInstanceWarmup: 600)
        // 60 (second step) for 4 minutes, then 70 (third step).
        let points = Self.minutes(Array(repeating: 60, count: 4) + Array(repeating: 70, count: 4))
        let input = ScalingPolicyInput(policy: policy, alarms: [.init(definition: alarm, role: .trigger, points: points, rescaled: false)])
        let preview = ScalingSimulation.run([input], group: Self.group, initialCapacity: 10, recorded: nil,
                                            start: Self.t0, end: Self.end(8))
        // 10 → 11 once (same step while warming), then 30 % of the 10 before the launch: 13.
        #expect(preview.activities.map(\.to) == [11, 13])
        #expect(preview.activities.map(\.time) == [Self.end(1), Self.end(5)])
    }
}
