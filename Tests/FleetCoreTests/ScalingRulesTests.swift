import Foundation
import Testing
import FleetCore

/// The Amazon EC2 Auto Scaling user guide's worked numbers, row by row.
struct ScalingRulesTests {
    /// "Step and simple scaling policies", scaling adjustment types: how a percent change is rounded.
    @Test(arguments: [(12.7, 12), (0.67, 1), (-0.58, -1), (-6.67, -6), (1.0, 1), (0.0, 0), (-1.0, -1)])
    func percentChangeRounding(change: Double, expected: Int) {
        #expect(ScalingRules.roundedPercentChange(change) == expected)
    }

    /// The guide's step scaling example: threshold 50, PercentChangeInCapacity, 10 instances.
    static let scaleOut = [StepAdjustment(lowerBound: 0, upperBound: 10, adjustment: 0),
                           StepAdjustment(lowerBound: 10, upperBound: 20, adjustment: 10),
                           StepAdjustment(lowerBound: 20, adjustment: 30)]
    static let scaleIn = [StepAdjustment(lowerBound: -10, upperBound: 0, adjustment: 0),
                          StepAdjustment(lowerBound: -20, upperBound: -10, adjustment: -10),
                          StepAdjustment(upperBound: -20, adjustment: -30)]

    struct StepRow: Sendable, CustomTestStringConvertible {
        var metric: Double
        var current: Int
        var expected: Int
        var testDescription: String { "metric \(metric) at \(current) instances → \(expected)" }
    }

    @Test(arguments: [
        StepRow(metric: 55, current: 10, expected: 10),  // between 40 and 60: no change
        StepRow(metric: 60, current: 10, expected: 11),  // +10 % of 10
        StepRow(metric: 70, current: 11, expected: 14),  // +30 % of 11 = 3.3, rounded down to 3
        StepRow(metric: 40, current: 14, expected: 13),  // -10 % of 14 = 1.4, rounded down to 1
        StepRow(metric: 30, current: 13, expected: 10),  // -30 % of 13 = 3.9, rounded down to 3
    ])
    func guideStepExample(row: StepRow) throws {
        let steps = row.metric >= 50 ? Self.scaleOut : Self.scaleIn
        let step = try #require(ScalingRules.step(for: row.metric, threshold: 50, in: steps))
        #expect(ScalingRules.capacity(applying: step.adjustment, .percentChangeInCapacity, to: row.current) == row.expected)
    }

    @Test func stepBoundsAreInclusiveOnTheThresholdSide() {
        // Above the threshold the lower bound is inclusive; below it the upper bound is.
        #expect(ScalingRules.step(for: 60, threshold: 50, in: Self.scaleOut)?.adjustment == 10)
        #expect(ScalingRules.step(for: 59.9, threshold: 50, in: Self.scaleOut)?.adjustment == 0)
        #expect(ScalingRules.step(for: 40, threshold: 50, in: Self.scaleIn)?.adjustment == -10)
        #expect(ScalingRules.step(for: 40.1, threshold: 50, in: Self.scaleIn)?.adjustment == 0)
    }

    /// PutScalingPolicy: "25 percent of 4 is 1 … MinAdjustmentMagnitude of 2 … scales out the group by 2".
    @Test func minAdjustmentMagnitude() {
        #expect(ScalingRules.capacity(applying: 25, .percentChangeInCapacity, to: 4) == 5)
        #expect(ScalingRules.capacity(applying: 25, .percentChangeInCapacity, to: 4, minAdjustmentMagnitude: 2) == 6)
        #expect(ScalingRules.capacity(applying: -25, .percentChangeInCapacity, to: 4, minAdjustmentMagnitude: 2) == 2)
        // Only percent changes honour it.
        #expect(ScalingRules.capacity(applying: 1, .changeInCapacity, to: 4, minAdjustmentMagnitude: 2) == 5)
        #expect(ScalingRules.capacity(applying: 3, .exactCapacity, to: 4, minAdjustmentMagnitude: 2) == 3)
    }

    @Test func clampingToTheGroupLimits() {
        let group = ScalingGroup(name: "g", minSize: 2, maxSize: 10)
        #expect(ScalingRules.clamped(12, to: group) == 10)
        #expect(ScalingRules.clamped(1, to: group) == 2)
        #expect(ScalingRules.clamped(7, to: group) == 7)
    }

    /// Target tracking: added instances rounded up, removed instances rounded down.
    @Test(arguments: [(6, 90.0, 70.0, 8), (6, 70.0, 70.0, 6), (8, 50.0, 70.0, 6), (10, 62.0, 70.0, 9), (4, 71.0, 70.0, 5)])
    func targetTrackingCapacity(current: Int, metric: Double, target: Double, expected: Int) {
        #expect(ScalingRules.targetTrackingCapacity(current: current, metric: metric, target: target) == expected)
    }

    /// Several policies: "if one policy increases capacity by 3, another policy increases capacity by 200
    /// percent, and the current capacity is 10 … uses the policy with the highest calculated capacity (200% of
    /// 10 = 20) and scales out to 30".
    @Test func largestCapacityWins() {
        let plus3 = ScalingRules.capacity(applying: 3, .changeInCapacity, to: 10)
        let percent = ScalingRules.capacity(applying: 200, .percentChangeInCapacity, to: 10)
        let decision = ScalingRules.decide(current: 10, proposals: [.init(policy: 0, capacity: plus3),
                                                                     .init(policy: 1, capacity: percent)], scaleInVoters: 0)
        #expect(decision?.capacity == 30 && decision?.policy == 1)
    }

    @Test func scaleOutBeatsScaleIn() {
        let decision = ScalingRules.decide(current: 6, proposals: [.init(policy: 0, capacity: 4, needsAgreement: true),
                                                                    .init(policy: 1, capacity: 7)], scaleInVoters: 1)
        #expect(decision?.capacity == 7)
    }

    @Test func targetTrackingScalesInOnlyWhenAllAgree() {
        let one = [ScalingRules.Proposal(policy: 0, capacity: 4, needsAgreement: true)]
        #expect(ScalingRules.decide(current: 6, proposals: one, scaleInVoters: 2) == nil)
        let both = one + [.init(policy: 1, capacity: 5, needsAgreement: true)]
        #expect(ScalingRules.decide(current: 6, proposals: both, scaleInVoters: 2)?.capacity == 5)
        // One that agrees but would remove nothing keeps the group as it is.
        let stay = one + [.init(policy: 1, capacity: 6, needsAgreement: true)]
        #expect(ScalingRules.decide(current: 6, proposals: stay, scaleInVoters: 2) == nil)
    }

    @Test func disableScaleInMakesNoScaleInAlarm() throws {
        let metric = try #require(ScalingMetric.predefined("ASGAverageCPUUtilization", group: "g", resourceLabel: nil))
        var policy = ScalingPolicy(name: "cpu", kind: .targetTracking(.init(metric: metric, targetValue: 60)))
        let alarms = try #require(policy.targetTrackingAlarms(group: "g"))
        #expect(alarms.high.threshold == 60 && alarms.high.evaluationPeriods == 3 && alarms.high.comparison == .greaterThanThreshold)
        #expect(abs((alarms.low?.threshold ?? 0) - 54) < 1e-9 && alarms.low?.evaluationPeriods == 15 && alarms.low?.comparison == .lessThanThreshold)
        #expect(alarms.high.name.hasPrefix("TargetTracking-g-AlarmHigh-"))
        policy.kind = .targetTracking(.init(metric: metric, targetValue: 60, disableScaleIn: true))
        #expect(try #require(policy.targetTrackingAlarms(group: "g")).low == nil)
        let custom = ScalingAssumptions(lowRatio: 0.85)
        policy.kind = .targetTracking(.init(metric: metric, targetValue: 60))
        #expect(abs((policy.targetTrackingAlarms(group: "g", assumptions: custom)?.low?.threshold ?? 0) - 51) < 1e-9)
    }

    @Test func warmupFallsBackToTheDefaultCooldown() {
        var policy = ScalingPolicy(name: "p", kind: .simple(.init(type: .changeInCapacity, steps: [.init(adjustment: 1)])))
        var group = ScalingGroup(name: "g", minSize: 1, maxSize: 5, defaultCooldown: 240)
        #expect(group.warmup(for: policy) == 240)
        group.defaultInstanceWarmup = 120
        #expect(group.warmup(for: policy) == 120)
        policy.estimatedInstanceWarmup = 60
        #expect(group.warmup(for: policy) == 60)
    }
}
