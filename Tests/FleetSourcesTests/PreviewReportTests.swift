import FleetCore
import Foundation
import Testing
@testable import FleetSources

/// `fleetwatch preview`'s evaluation, through ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)``.
@Suite("Preview report")
struct PreviewReportTests {
    let t0 = Date(timeIntervalSince1970: 1_767_618_000)  // a 300 s boundary
    func at(_ s: Int) -> Date { t0.addingTimeInterval(TimeInterval(s)) }

    func alarm(_ treat: TreatMissingData) -> AlarmDefinition {
        AlarmDefinition(name: "unhealthy", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
                        statistic: "Maximum", period: 300, evaluationPeriods: 2, threshold: 1,
                        comparison: .greaterThanThreshold, treatMissingData: treat)
    }

    /// Minutes 0-9 breach (value 3); nothing after.
    var series: FleetUpdate.Batch {
        FleetUpdate.Batch(key: MetricKey(namespace: "AWS/ApplicationELB", name: "UnHealthyHostCount", statistic: "Maximum"),
                          unit: "Count", points: (0..<10).map { Datapoint(time: at($0 * 60), value: 3) })
    }

    @Test func evaluatesFromTheFirstDatapointsPeriod() throws {
        let report = try #require(PreviewReport(definition: alarm(.missing), series: series))
        #expect(report.start == at(0) && report.end == at(600))
        #expect(report.timeline.evaluations.map(\.state) == [.insufficientData, .insufficientData, .alarm])
    }

    /// The series is there but has no datapoint in the range: evaluated by the all-missing row of
    /// "Configuring how CloudWatch alarms treat missing data", not refused.
    @Test(arguments: [(TreatMissingData.missing, AlarmState.insufficientData), (.breaching, .alarm),
                      (.notBreaching, .ok), (.ignore, .insufficientData)])
    func aRangeWithoutDatapointsIsEvaluated(_ treat: TreatMissingData, _ expected: AlarmState) throws {
        let report = try #require(PreviewReport(definition: alarm(treat), series: series, from: at(3600), end: at(4800)))
        #expect(report.start == at(3600) && report.end == at(4800))
        #expect(report.timeline.evaluations.count == 5)
        #expect(report.timeline.finalState == expected)
        #expect(report.text.contains("final state \(expected.rawValue)"))
    }

    @Test func nothingToEvaluateWithoutAStart() {
        let empty = FleetUpdate.Batch(key: series.key, unit: "Count", points: [])
        #expect(PreviewReport(definition: alarm(.breaching), series: empty) == nil)
    }
}
