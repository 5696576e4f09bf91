import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("The alarm preview as an SVG chart")
struct AlarmChartPictureTests {
    let t0 = Date(timeIntervalSince1970: 1_764_432_000)

    /// 30 minutes of 1-minute points: 0, then 3 from minute 10 to 19, then 0.
    var points: [Datapoint] {
        (0..<30).map { Datapoint(time: t0.addingTimeInterval(Double($0 * 60)), value: (10..<20).contains($0) ? 3 : 0) }
    }

    func definition(threshold: Double, name: String = "api-unhealthy") -> AlarmDefinition {
        AlarmDefinition(name: name, namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
                        statistic: "Maximum", period: 60, evaluationPeriods: 2, threshold: threshold,
                        comparison: .greaterThanThreshold, treatMissingData: .notBreaching)
    }

    func panel(_ label: String, _ d: AlarmDefinition) -> AlarmChartPicture.Panel {
        let run = AlarmEvaluator.run(d, rawPoints: points)
        return .init(label: label, definition: d, periodValues: run.periodValues, timeline: run.timeline,
                     start: run.start, end: run.end)
    }

    @Test("breaching datapoints, ALARM periods and state changes are drawn from the evaluator's timeline")
    func drawsTheRun() throws {
        let defined = panel("as defined", definition(threshold: 1))
        let changed = panel("changed", definition(threshold: 5))
        let svg = AlarmChartPicture(alarms: [[defined, changed]], theme: BuiltinThemes.all[0]).svg()
        let doc = PictureXML.parse(svg)
        #expect(doc.error == nil)
        #expect(doc.elements.filter { $0.attributes["class"] == "breach" }.count == 10)
        #expect(doc.elements.filter { $0.attributes["class"] == "alarm-period" }.count == 1)
        #expect(doc.elements.filter { $0.attributes["class"] == "threshold" }.count == 2)
        let changes = defined.timeline.transitions.count + changed.timeline.transitions.count
        #expect(doc.elements.filter { $0.attributes["class"] == "state-change" }.count == changes)
        #expect(defined.timeline.timesFired == 1 && changed.timeline.timesFired == 0)
        let summaries = doc.elements.filter { $0.attributes["class"] == "summary" }.map(\.text)
        #expect(summaries == ["as defined: fired 1 time, 9m in ALARM, final state OK, at 2025-11-29 16:12:00Z",
                              "changed: fired 0 times, 0s in ALARM, final state OK"])
        #expect(svg.contains(">16:12 ALARM</text>"))
        #expect(AlarmChartPicture.changes(from: definition(threshold: 1), to: definition(threshold: 5)) == "threshold 1 → 5")
    }

    @Test("an alarm name with markup, ampersands, quotes and control characters is escaped")
    func hostileName() throws {
        let name = "<script>alert('x')</script> & \"q\"\u{1B}[31m"
        let svg = AlarmChartPicture(alarms: [[panel("as defined", definition(threshold: 1, name: name))]],
                                    theme: BuiltinThemes.all[0]).svg()
        #expect(!svg.contains("<script"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let doc = PictureXML.parse(svg)
        #expect(doc.error == nil)
        #expect(doc.named("text").first?.text == "<script>alert('x')</script> & \"q\"\u{241B}[31m")
    }

    @Test("the chart's file name keeps to letters, digits, . _ -: no folder, no hidden file, never empty",
          arguments: [("erato-health-check-failures", "erato-health-check-failures-preview.svg"),
                      ("../../etc/passwd", "-..-etc-passwd-preview.svg"),
                      ("<b>cpu high</b>", "-b-cpu-high--b--preview.svg"),
                      ("", "alarm-preview.svg"), ("..", "alarm-preview.svg")])
    func fileName(name: String, expected: String) {
        #expect(AlarmPreview(alarmIndex: 0, definition: definition(threshold: 1, name: name)).chartFileName == expected)
    }
}
