import Foundation
import Testing
import FleetCore

struct AlarmEvaluatorTests {
    // MARK: Operators and M out of N

    struct OperatorCase: Sendable {
        var comparison: ComparisonOperator
        var value: Double
        var expected: AlarmState
    }

    @Test(arguments: [
        OperatorCase(comparison: .greaterThanThreshold, value: 10, expected: .ok),
        OperatorCase(comparison: .greaterThanThreshold, value: 10.5, expected: .alarm),
        OperatorCase(comparison: .greaterThanOrEqualToThreshold, value: 10, expected: .alarm),
        OperatorCase(comparison: .greaterThanOrEqualToThreshold, value: 9.5, expected: .ok),
        OperatorCase(comparison: .lessThanThreshold, value: 10, expected: .ok),
        OperatorCase(comparison: .lessThanThreshold, value: 9.5, expected: .alarm),
        OperatorCase(comparison: .lessThanOrEqualToThreshold, value: 10, expected: .alarm),
        OperatorCase(comparison: .lessThanOrEqualToThreshold, value: 10.5, expected: .ok),
    ])
    func comparisonOperators(c: OperatorCase) {
        let definition = alarm(n: 1, period: 60, threshold: 10, comparison: c.comparison)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: [Datapoint(time: t0, value: c.value)],
                                               start: at(60), end: at(60))
        #expect(timeline.finalState == c.expected)
    }

    struct MofNCase: Sendable {
        var m: Int
        var pattern: String
        var expected: AlarmState
    }

    @Test(arguments: [
        MofNCase(m: 3, pattern: "X 0 X 0 X", expected: .alarm),  // not consecutive
        MofNCase(m: 3, pattern: "X X 0 0 X", expected: .alarm),
        MofNCase(m: 3, pattern: "X 0 X 0 0", expected: .ok),
        MofNCase(m: 2, pattern: "X 0 0 0 X", expected: .alarm),
        MofNCase(m: 1, pattern: "0 0 0 0 X", expected: .alarm),
        MofNCase(m: 5, pattern: "X X X X 0", expected: .ok),
        MofNCase(m: 5, pattern: "X X X X X", expected: .alarm),
    ])
    func mOutOfN(c: MofNCase) {
        let definition = alarm(n: 5, m: c.m, period: 60)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: points(slots(c.pattern), period: 60),
                                               start: at(300), end: at(300))
        #expect(timeline.finalState == c.expected)
    }

    /// Older real datapoints stand in for missing recent ones when the range holds at least N.
    @Test func reachesBackPastGapsWithinTheRange() {
        let definition = alarm(n: 2, treat: .notBreaching)
        // Range 4 at E = 5 periods: periods 1...4 hold X - - X → 2 real breaching → ALARM, not filled.
        let values = points([0, 5, nil, nil, 5])
        let timeline = AlarmEvaluator.timeline(definition, periodValues: values, start: at(1500), end: at(1500))
        #expect(timeline.finalState == .alarm)
        // With a range of 2 only the last two periods count: - X → one filled not-breaching → OK.
        let short = AlarmEvaluator.timeline(definition, periodValues: values, start: at(1500), end: at(1500),
                                            evaluationRange: 2)
        #expect(short.finalState == .ok)
    }

    // MARK: Transitions and the summary

    @Test func transitionsTimesFiredAndSecondsInAlarm() {
        let definition = alarm(n: 2, period: 60)
        let values = points([0, 0, 5, 5, 5, 0, 0, 5, 5, 0], period: 60)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: values, start: at(60), end: at(600))
        #expect(timeline.evaluations.map(\.time) == (1...10).map { at($0 * 60) })
        #expect(timeline.evaluations.map(\.state) == [.ok, .ok, .ok, .alarm, .alarm, .ok, .ok, .ok, .alarm, .ok])
        #expect(timeline.transitions == [
            AlarmTransition(time: at(60), from: .insufficientData, to: .ok),
            AlarmTransition(time: at(240), from: .ok, to: .alarm),
            AlarmTransition(time: at(360), from: .alarm, to: .ok),
            AlarmTransition(time: at(540), from: .ok, to: .alarm),
            AlarmTransition(time: at(600), from: .alarm, to: .ok),
        ])
        #expect(timeline.timesFired == 2)
        #expect(timeline.secondsInAlarm == 180)
        #expect(timeline.firstFired == at(240))
        #expect(timeline.lastFired == at(540))
        #expect(timeline.finalState == .ok)
        #expect(timeline.finalStateSince == at(600))
    }

    @Test func alarmStillOnAtTheEndCountsUpToEnd() {
        let definition = alarm(n: 2, period: 60)
        let values = points([0, 0, 5, 5, 5, 0, 0, 5, 5, 0], period: 60)
        // End between boundaries: the last evaluation is at 540 and ALARM lasts until 570.
        let timeline = AlarmEvaluator.timeline(definition, periodValues: values, start: at(60), end: at(570))
        #expect(timeline.evaluations.count == 9)
        #expect(timeline.finalState == .alarm)
        #expect(timeline.finalStateSince == at(540))
        #expect(timeline.secondsInAlarm == 120 + 30)
        #expect(timeline.timesFired == 2)
    }

    @Test func startsInInsufficientData() {
        let empty: [Datapoint] = []
        for treat in [TreatMissingData.missing, .ignore] {
            let timeline = AlarmEvaluator.timeline(alarm(n: 3, treat: treat), periodValues: empty,
                                                   start: t0, end: at(3000))
            #expect(timeline.evaluations.count == 11)
            #expect(timeline.evaluations.allSatisfy { $0.state == .insufficientData })
            #expect(timeline.transitions.isEmpty)
            #expect(timeline.finalState == .insufficientData)
            #expect(timeline.finalStateSince == nil)
            #expect(timeline.firstFired == nil)
        }
        let breaching = AlarmEvaluator.timeline(alarm(n: 3, treat: .breaching), periodValues: empty,
                                                start: t0, end: at(3000))
        #expect(breaching.transitions == [AlarmTransition(time: t0, from: .insufficientData, to: .alarm)])
        #expect(breaching.secondsInAlarm == 3000)
        let good = AlarmEvaluator.timeline(alarm(n: 3, treat: .notBreaching), periodValues: empty,
                                           start: t0, end: at(3000))
        #expect(good.transitions == [AlarmTransition(time: t0, from: .insufficientData, to: .ok)])
    }

    @Test func noEvaluationWhenEndPrecedesStart() {
        let timeline = AlarmEvaluator.timeline(alarm(n: 1), periodValues: points([5]), start: at(600), end: at(300))
        #expect(timeline == AlarmTimeline())
        #expect(timeline.finalState == .insufficientData)
    }

    /// After the metric stops, CloudWatch keeps re-evaluating the last datapoints while they stay in the
    /// range; then the premature-alarm rule holds ALARM; then all-missing applies.
    @Test func metricStoppingUnderEachMissingDataMode() {
        let values = points([5, 5, 5])  // periods 0, 1, 2
        let expected: [TreatMissingData: [AlarmState]] = [
            //            E = 3p      4p      5p      6p      7p      8p      9p
            .missing: [.alarm, .alarm, .alarm, .alarm, .alarm, .insufficientData, .insufficientData],
            .ignore: [.alarm, .alarm, .alarm, .alarm, .alarm, .alarm, .alarm],
            .breaching: [.alarm, .alarm, .alarm, .alarm, .alarm, .alarm, .alarm],
            .notBreaching: [.alarm, .alarm, .alarm, .ok, .ok, .ok, .ok],
        ]
        for (treat, states) in expected {
            let timeline = AlarmEvaluator.timeline(alarm(n: 3, treat: treat), periodValues: values,
                                                   start: at(900), end: at(2700))
            #expect(timeline.evaluations.map(\.state) == states, "\(treat)")
        }
    }

    @Test func breachingFillWaitsForGoodPointToLeaveTheRange() {
        let definition = alarm(n: 3, treat: .breaching)
        let values = points([0])
        let standard = AlarmEvaluator.timeline(definition, periodValues: values, start: at(300), end: at(3000))
        #expect(standard.transitions.map(\.time) == [at(300), at(6 * 300)])
        #expect(standard.transitions.last?.to == .alarm)
        let narrow = AlarmEvaluator.timeline(definition, periodValues: values, start: at(300), end: at(3000),
                                             evaluationRange: 3)
        #expect(narrow.transitions.map(\.time) == [at(300), at(4 * 300)])
        #expect(AlarmEvaluator.defaultEvaluationRange(evaluationPeriods: 3) == 5)
    }

    @Test func datapointsBeforeStartCount() {
        // Data from before the first evaluation is in the range, as when an alarm is created on a live metric.
        let timeline = AlarmEvaluator.timeline(alarm(n: 2), periodValues: points([5, 5]), start: at(600), end: at(600))
        #expect(timeline.finalState == .alarm)
    }

    @Test func unsortedDuplicatedAndNonFiniteInputIsNormalized() {
        let values = [
            Datapoint(time: at(300), value: 0), Datapoint(time: t0, value: 5), Datapoint(time: at(300), value: 5),
            Datapoint(time: at(600), value: .nan),
        ]
        // Later duplicate wins (5 at 300); NaN at 600 is missing; 2 of 2 over periods 0 and 1 → ALARM at 600.
        let timeline = AlarmEvaluator.timeline(alarm(n: 2), periodValues: values, start: at(600), end: at(900))
        #expect(timeline.evaluations.map(\.state) == [.alarm, .alarm])
    }

    // MARK: Low sample counts

    @Test func lowSampleCountPercentileIgnoreKeepsState() {
        let values = points([5, 5, 0, 0], period: 60)
        let counts = points([2000, 2000, 12, 2000], period: 60)
        let ignore = alarm(n: 1, period: 60, statistic: "p99", lowSamples: .ignore)
        let timeline = AlarmEvaluator.timeline(ignore, periodValues: values, sampleCounts: counts,
                                               start: at(60), end: at(240))
        // At 180 the newest period has 12 samples (< 1000 for p99): the ALARM state is kept.
        #expect(timeline.evaluations.map(\.state) == [.alarm, .alarm, .alarm, .ok])
        #expect(timeline.evaluations[2].reason.hasPrefix("Low sample count: the newest datapoint [0.0 (29/11/26 10:02:00)] has 12 samples, fewer than the 1000 that p99 needs"))
        let evaluate = alarm(n: 1, period: 60, statistic: "p99", lowSamples: .evaluate)
        let evaluated = AlarmEvaluator.timeline(evaluate, periodValues: values, sampleCounts: counts,
                                                start: at(60), end: at(240))
        #expect(evaluated.evaluations.map(\.state) == [.alarm, .alarm, .ok, .ok])
        // Without sample counts every period is evaluated.
        let blind = AlarmEvaluator.timeline(ignore, periodValues: values, start: at(60), end: at(240))
        #expect(blind.evaluations.map(\.state) == [.alarm, .alarm, .ok, .ok])
    }

    @Test func rawPointsTimelineAggregatesWithSampleCounts() {
        // Period 300, p50 alarm > 1; raw 1-minute values. Period 0: five 5s; period 1: two 0s (low: p50 needs 20).
        let raw = (0..<5).map { Datapoint(time: at($0 * 60), value: 5) }
            + (5..<7).map { Datapoint(time: at($0 * 60), value: 0) }
        let ignore = alarm(n: 1, statistic: "p50", lowSamples: .ignore)
        let run = AlarmEvaluator.run(ignore, rawPoints: raw, to: at(600))
        #expect(run.start == at(0))
        // Period 0 has 5 samples, also below 20, so the state never leaves INSUFFICIENT_DATA.
        #expect(run.timeline.evaluations.map(\.state) == [.insufficientData, .insufficientData, .insufficientData])
        let evaluate = alarm(n: 1, statistic: "p50")
        let evaluated = AlarmEvaluator.run(evaluate, rawPoints: raw, to: at(600))
        #expect(evaluated.timeline.evaluations.map(\.state) == [.insufficientData, .alarm, .ok])
    }

    // MARK: Reasons

    @Test func reasonsReadLikeCloudWatch() {
        let definition = alarm(n: 2)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: points([2, 3]), start: at(600), end: at(900))
        #expect(timeline.evaluations[0].reason ==
            "Threshold Crossed: 2 out of the last 2 datapoints [3.0 (29/11/26 10:05:00), 2.0 (29/11/26 10:00:00)] "
            + "were greater than the threshold (1.0) (minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition).")
        // At 900 the range holds only the 3.0 and the 2.0 (both breaching), the newest period is missing.
        #expect(timeline.evaluations[1].state == .alarm)
        #expect(timeline.evaluations[1].reason ==
            "Threshold Crossed: 2 out of the last 2 datapoints [3.0 (29/11/26 10:05:00), 2.0 (29/11/26 10:00:00)] "
            + "were greater than the threshold (1.0).")
        let status = timeline.status(of: definition)
        #expect(status.state == .alarm)
        #expect(status.since == at(600))
        #expect(status.reason == timeline.evaluations[0].reason)
    }

    @Test func reasonsForMissingData() {
        let missing = AlarmEvaluator.timeline(alarm(n: 3), periodValues: [], start: t0, end: t0)
        #expect(missing.evaluations[0].reason ==
            "Insufficient Data: no datapoints were reported in the evaluation range (the last 5 periods).")
        let filled = AlarmEvaluator.timeline(alarm(n: 3, treat: .breaching), periodValues: points(slots("0 - - - -")),
                                             start: at(1500), end: at(1500))
        #expect(filled.evaluations[0].reason ==
            "Threshold Crossed: 2 out of the last 3 datapoints [0.0 (29/11/26 10:00:00)] and 2 missing datapoints "
            + "treated as breaching were greater than the threshold (1.0) "
            + "(minimum 3 datapoints for INSUFFICIENT_DATA -> OK transition).")
        let premature = AlarmEvaluator.timeline(alarm(n: 3), periodValues: points(slots("- - X - -")),
                                                start: at(1500), end: at(1500))
        #expect(premature.evaluations[0].reason.hasPrefix(
            "Threshold Crossed: only 1 of 3 datapoints [5.0 (29/11/26 10:10:00)] were reported, all greater than "
            + "the threshold (1.0), the oldest 3 periods ago"))
    }

    @Test func reasonCanBeOverwrittenAndEqualityUsesIt() {
        let timeline = AlarmEvaluator.timeline(alarm(n: 1), periodValues: points([5]), start: at(300), end: at(300))
        var evaluation = timeline.evaluations[0]
        let copy = AlarmEvaluation(time: evaluation.time, state: evaluation.state, reason: evaluation.reason)
        #expect(copy == evaluation)
        evaluation.reason = "set by hand"
        #expect(evaluation.reason == "set by hand")
        #expect(copy != evaluation)
    }

    // MARK: The sliding window agrees with the one-shot evaluation

    @Test(arguments: [TreatMissingData.missing, .ignore, .breaching, .notBreaching], [1, 2, 3])
    func slidingWindowMatchesDirectEvaluation(treat: TreatMissingData, m: Int) {
        var rng = SplitMix64(seed: UInt64(m) &* 977 &+ UInt64(treat.rawValue.count))
        let definition = alarm(n: 3, m: m, period: 60, treat: treat)
        var values: [Double?] = []
        for _ in 0..<400 {
            let r = rng.next() % 10
            values.append(r < 4 ? nil : (r < 7 ? 5 : 0))
        }
        let timeline = AlarmEvaluator.timeline(definition, periodValues: points(values, period: 60),
                                               start: t0, end: at(60 * 400))
        var state = AlarmState.insufficientData
        for (k, evaluation) in timeline.evaluations.enumerated() {
            // Periods k-5 ..< k, oldest first.
            let range = (k - 5..<k).map { $0 >= 0 ? values[$0] : nil }
            state = AlarmEvaluator.evaluate(definition, range: range, current: state)
            #expect(evaluation.state == state, "at evaluation \(k)")
            if evaluation.state != state { break }
        }
    }
}
