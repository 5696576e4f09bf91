import Foundation
import Testing
import FleetCore

struct StatisticTests {
    @Test(arguments: [
        ("SampleCount", Statistic.sampleCount), ("Average", .average), ("Sum", .sum), ("Minimum", .minimum),
        ("Maximum", .maximum), ("p99", .percentile(99)), ("p99.9", .percentile(99.9)), ("p99.99", .percentile(99.99)),
        ("p50", .percentile(50)), ("p0", .percentile(0)), ("p100", .percentile(100)),
    ] as [(String, Statistic)])
    func parses(name: String, expected: Statistic) {
        #expect(Statistic(name) == expected)
        #expect(Statistic(name)?.description == name)
    }

    @Test(arguments: ["", "p", "p101", "P99", "average", "tm99", "p.5", "p99.", "p-1", "IQM"])
    func rejects(name: String) {
        #expect(Statistic(name) == nil)
        #expect(AlarmEvaluator.periodValues([Datapoint(time: t0, value: 1)], period: 60, statistic: name).isEmpty)
    }

    /// One 5-minute period of 1-minute values 4, 1, 3, 2, 10 (sorted: 1 2 3 4 10).
    @Test(arguments: [
        ("SampleCount", 5.0), ("Sum", 20), ("Average", 4), ("Minimum", 1), ("Maximum", 10),
        ("p50", 3), ("p80", 4), ("p81", 10), ("p90", 10), ("p20", 1), ("p21", 2), ("p0", 1), ("p100", 10),
        ("p99.9", 10),
    ] as [(String, Double)])
    func aggregatesOnePeriod(statistic: String, expected: Double) {
        let raw = [4.0, 1, 3, 2, 10].enumerated().map { Datapoint(time: at($0.offset * 60), value: $0.element) }
        let values = AlarmEvaluator.periodValues(raw, period: 300, statistic: statistic)
        #expect(values == [Datapoint(time: t0, value: expected)])
    }

    @Test func percentileOfManySamplesIsNearestRank() {
        // 1...1000 in one hour period: p99 → the 990th value; p99.9 → 999th; p50 → 500th.
        let raw = (1...1000).map { Datapoint(time: t0.addingTimeInterval(Double($0) * 3), value: Double($0)) }
        #expect(AlarmEvaluator.periodValues(raw, period: 3600, statistic: "p99").map(\.value) == [990])
        #expect(AlarmEvaluator.periodValues(raw, period: 3600, statistic: "p99.9").map(\.value) == [999])
        #expect(AlarmEvaluator.periodValues(raw, period: 3600, statistic: "p50").map(\.value) == [500])
    }

    @Test func periodsAlignToTheEpochAndAreStampedWithTheirStart() {
        let raw = [
            Datapoint(time: at(3 * 60), value: 1), Datapoint(time: at(4 * 60 + 59), value: 2),
            Datapoint(time: at(5 * 60), value: 3), Datapoint(time: at(9 * 60 + 59), value: 4),
            Datapoint(time: at(20 * 60), value: 5),
        ]
        #expect(AlarmEvaluator.periodValues(raw, period: 300, statistic: "Sum") == [
            Datapoint(time: t0, value: 3), Datapoint(time: at(300), value: 7), Datapoint(time: at(1200), value: 5),
        ])
        // Hourly periods start on the hour even when the data starts later.
        let late = [Datapoint(time: at(17 * 60), value: 1), Datapoint(time: at(61 * 60), value: 2)]
        #expect(AlarmEvaluator.periodValues(late, period: 3600, statistic: "SampleCount") == [
            Datapoint(time: t0, value: 1), Datapoint(time: at(3600), value: 1),
        ])
        // 10:00:00 + 7 min with period 420 s: boundaries are multiples of 420 s since 1970, not of the hour.
        let odd = AlarmEvaluator.periodValues([Datapoint(time: t0, value: 1)], period: 420, statistic: "Sum")
        #expect(odd.map { Int($0.time.timeIntervalSince1970) } == [1_795_946_400 / 420 * 420])
    }

    @Test func unorderedAndNonFiniteInput() {
        let raw = [
            Datapoint(time: at(360), value: 8), Datapoint(time: at(0), value: 2), Datapoint(time: at(60), value: .nan),
            Datapoint(time: at(120), value: .infinity), Datapoint(time: at(300), value: 4),
        ]
        #expect(AlarmEvaluator.periodValues(raw, period: 300, statistic: "Average") == [
            Datapoint(time: t0, value: 2), Datapoint(time: at(300), value: 6),
        ])
        #expect(AlarmEvaluator.periodValues([Datapoint](), period: 60, statistic: "Sum").isEmpty)
        #expect(AlarmEvaluator.periodValues(raw, period: 0, statistic: "Sum").isEmpty)
    }

    @Test(arguments: [
        ("p99", 1000.0 as Double?), ("p99.9", 10000), ("p90", 100), ("p50", 20), ("p25", 40), ("p10", 100),
        ("p100", nil), ("p0", nil), ("Average", nil), ("SampleCount", nil),
    ] as [(String, Double?)])
    func lowSampleCountThresholds(statistic: String, expected: Double?) {
        #expect(Statistic(statistic)?.lowSampleCountThreshold == expected)
    }

    /// Reasons print datapoint times as CloudWatch does: `dd/MM/yy HH:mm:ss`, UTC.
    @Test(arguments: [
        (1_795_946_400, "29/11/26 10:00:00"), (0, "01/01/70 00:00:00"), (951_782_399, "28/02/00 23:59:59"),
        (951_782_400, "29/02/00 00:00:00"), (-60, "31/12/69 23:59:00"), (4_102_444_800, "01/01/00 00:00:00"),
    ] as [(Int, String)])
    func reasonTimestamps(seconds: Int, expected: String) {
        let time = Date(timeIntervalSince1970: TimeInterval(seconds))
        let definition = AlarmDefinition(name: "t", namespace: "T", metricName: "M", statistic: "Sum", period: 1,
                                         evaluationPeriods: 1, threshold: 0, comparison: .greaterThanThreshold)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: [Datapoint(time: time, value: 1)],
                                               start: time.addingTimeInterval(1), end: time.addingTimeInterval(1))
        #expect(timeline.evaluations.first?.reason.contains("[1.0 (\(expected))]") == true,
                "\(timeline.evaluations.first?.reason ?? "")")
    }
}
