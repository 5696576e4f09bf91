import FleetCore
import Foundation
import Testing

/// ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)``, the one entry point.
@Suite struct AlarmRunTests {
    /// Raw 1-minute points: `values[i]` at minute i from t0.
    func minutes(_ values: [Double]) -> [Datapoint] {
        values.enumerated().map { Datapoint(time: at($0.offset * 60), value: $0.element) }
    }

    @Test func aggregatesThenEvaluatesFromTheFirstPeriodToTheEnd() {
        // 300 s Maximum, 2 of 2 > 1: minutes 0-4 hold a 5, minutes 5-9 a 3, minutes 10-14 all 0.
        let raw = minutes([0, 0, 5, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0])
        let run = AlarmEvaluator.run(alarm(n: 2), rawPoints: raw)
        #expect(run.start == at(0))
        #expect(run.end == at(900))
        #expect(run.periodValues == points([5, 3, 0]))
        #expect(run.timeline.evaluations.map(\.time) == [at(0), at(300), at(600), at(900)])
        #expect(run.timeline.evaluations.map(\.state) == [.insufficientData, .insufficientData, .alarm, .ok])
    }

    @Test func pointsOutsideTheRangeAreLeftOut() {
        let raw = minutes([9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 9, 9])
        let run = AlarmEvaluator.run(alarm(n: 1), rawPoints: raw, from: at(300), to: at(600))
        #expect(run.periodValues == points([0], from: 300))
        #expect(run.timeline.evaluations.map(\.state) == [.insufficientData, .ok])
    }

    @Test func theFirstPeriodIsTheFirstKeptPointsNotFrom() {
        let raw = minutes([Double](repeating: 0, count: 20)).filter { $0.time >= at(600) }
        let run = AlarmEvaluator.run(alarm(n: 1), rawPoints: raw, from: at(0))
        #expect(run.start == at(600))
        #expect(run.end == at(1200))
    }

    /// The all-missing row of "Configuring how CloudWatch alarms treat missing data": a series present
    /// with no datapoints in the range is evaluated, each treatment giving its documented state.
    @Test(arguments: [
        (TreatMissingData.missing, AlarmState.insufficientData),
        (.breaching, .alarm),
        (.notBreaching, .ok),
        (.ignore, .insufficientData),
    ])
    func allMissingIsEvaluated(_ treat: TreatMissingData, _ expected: AlarmState) {
        let outside = minutes([9, 9, 9])  // before the range
        let run = AlarmEvaluator.run(alarm(n: 3, treat: treat), rawPoints: outside, from: at(3600), to: at(4800))
        #expect(run.periodValues.isEmpty)
        #expect(run.timeline.evaluations.count == 5)
        #expect(run.timeline.evaluations.allSatisfy { $0.state == expected })
        #expect(run.timeline.finalState == expected)
        let empty = AlarmEvaluator.run(alarm(n: 3, treat: treat), rawPoints: [Datapoint](), from: at(0), to: at(600))
        #expect(empty.timeline.evaluations.map(\.state) == [expected, expected, expected])
    }

    @Test func allMissingReason() {
        let run = AlarmEvaluator.run(alarm(n: 3), rawPoints: [Datapoint](), from: at(0), to: at(300))
        #expect(run.timeline.finalReason
            == "Insufficient Data: no datapoints were reported in the evaluation range (the last 5 periods).")
    }

    @Test func nothingToEvaluateWithoutAStart() {
        let run = AlarmEvaluator.run(alarm(n: 1), rawPoints: [Datapoint](), to: at(600))
        #expect(run.timeline.evaluations.isEmpty)
        #expect(run.timeline.finalState == .insufficientData)
    }

    @Test func sameAsAggregatingByHand() {
        let raw = minutes((0..<120).map { Double(($0 * 7) % 5) })
        let definition = alarm(n: 3, m: 2, threshold: 3, treat: .breaching)
        let run = AlarmEvaluator.run(definition, rawPoints: raw, to: at(7200))
        let values = AlarmEvaluator.periodValues(raw, period: 300, statistic: "Maximum")
        let byHand = AlarmEvaluator.timeline(definition, periodValues: values, start: at(0), end: at(7200))
        #expect(run.timeline == byHand)
    }
}
