import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("Counts are drawn as steps")
struct ChartStepTests {
    /// Unhealthy hosts over 8 minutes: 0, then 3 from minute 4 on, then 1 from minute 6.
    static let points: [Datapoint] = [0, 0, 0, 0, 3, 3, 1, 1].enumerated().map { m, v in
        Datapoint(time: Fixtures.end.addingTimeInterval(Double(m * 60)), value: v)
    }

    func plot(steps: Bool) -> [String] {
        var canvas = Canvas(width: 24, height: 6)
        let chart = Chart(lines: [Chart.Line(points: ArraySlice(Self.points), style: .plain, steps: steps)],
                          start: Fixtures.end, end: Fixtures.end.addingTimeInterval(7 * 60), minY: 0, maxY: 3,
                          fixedMax: true, glyphs: .ascii, axisStyle: .plain, format: { Chart.trim($0) })
        chart.render(canvas.bounds, into: &canvas)
        return canvas.lines
    }

    @Test("a count holds its value until the next one, then goes straight up or down")
    func step() {
        #expect(plot(steps: true) == [
            "  3+           |''''|   ",
            "   |           |    |   ",
            "1.5+           |    |   ",
            "   |           |    ''''",
            "  0+...........|        ",
            "    16:00:00    16:07:00",
        ])
        // As a line it slopes through "1.5 hosts" between minutes.
        #expect(plot(steps: false) != plot(steps: true))
    }

    @Test("host and instance counts are counts; rates and percentages are not")
    func counts() {
        #expect(CountMetrics.isCount(namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount"))
        #expect(CountMetrics.isCount(namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount"))
        #expect(CountMetrics.isCount(namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances"))
        #expect(!CountMetrics.isCount(namespace: "AWS/ApplicationELB", metricName: "RequestCount"))
        #expect(!CountMetrics.isCount(namespace: "AWS/EC2", metricName: "CPUUtilization"))
    }
}
