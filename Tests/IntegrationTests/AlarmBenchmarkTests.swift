import FleetSources
import Foundation
import Testing
import FleetCore

/// Run by hand: `FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1 swift test -c release --filter AlarmBenchmark`.
/// Budgets (release): a week of 1-minute data well under 2 ms, a year under 50 ms.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1"), .integration)
struct AlarmBenchmarkTests {
    /// 2026-11-29 10:00:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_946_400)

    static func minuteData(_ count: Int) -> [Datapoint] {
        var rng = SplitMix64(seed: 42)
        return (0..<count).map { i in
            Datapoint(time: Self.t0.addingTimeInterval(Double(i) * 60), value: Double(rng.next() % 1000) / 10)
        }
    }

    static func best(_ runs: Int, _ body: () -> Void) -> Duration {
        (0..<runs).map { _ in ContinuousClock().measure(body) }.min()!
    }

    static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    @Test(arguments: [("week", 10_080, 2.0), ("year", 525_600, 50.0)])
    func timeline(label: String, count: Int, budgetMs: Double) {
        let raw = Self.minuteData(count)
        let definition = AlarmDefinition(name: "bench", namespace: "B", metricName: "M", statistic: "Average",
                                         period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 60,
                                         comparison: .greaterThanThreshold, treatMissingData: .missing)
        let values = AlarmEvaluator.periodValues(raw, period: 60, statistic: "Average")
        let end = Self.t0.addingTimeInterval(Double(count) * 60)
        var timeline = AlarmTimeline()
        let evaluate = Self.best(7) {
            timeline = AlarmEvaluator.timeline(definition, periodValues: values, start: Self.t0, end: end)
        }
        let aggregate = Self.best(7) { _ = AlarmEvaluator.periodValues(raw, period: 60, statistic: "Average") }
        let aggregateP99 = Self.best(3) { _ = AlarmEvaluator.periodValues(raw, period: 300, statistic: "p99") }
        print("bench \(label): \(count) points, \(timeline.evaluations.count) evaluations, "
              + "\(timeline.transitions.count) transitions: timeline \(Self.ms(evaluate)) ms, "
              + "periodValues Average/60 \(Self.ms(aggregate)) ms, p99/300 \(Self.ms(aggregateP99)) ms")
        #expect(timeline.evaluations.count == count + 1)
        #if !DEBUG
        #expect(Self.ms(evaluate) < budgetMs)
        #endif
    }
}
