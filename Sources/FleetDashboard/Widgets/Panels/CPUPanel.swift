import FleetCore
import Foundation

/// CPU: the group's average CPUUtilization, its latest value, min/max in the window, and the
/// target-tracking target drawn as a line.
struct CPUPanel {
    var state: DashboardState

    func render(into canvas: inout Canvas, area: Rect, focused: Bool) {
        let theme = state.theme
        let series = state.fleet.panelSeries(.cpu)
        let window = series?.points(from: state.windowStart, to: state.windowEnd) ?? []
        var title: [(String, Style)] = [("CPU", theme.style(.title))]
        if let latest = window.last ?? series?.latest {
            title.append(("\(Format.oneDecimal(latest.value))% avg", theme.style(.cpuLine).adding(.bold)))
        } else {
            title.append(("no data", theme.style(.label)))
        }
        if let lo = window.map(\.value).min(), let hi = window.map(\.value).max() {
            title.append(("min \(Format.oneDecimal(lo)) max \(Format.oneDecimal(hi))", theme.style(.label)))
        }
        let targets = state.fleet.targets.filter { $0.metric == .cpu }
        for t in targets { title.append(("target \(Chart.trim(t.value))%", theme.style(.targetLine))) }
        let inner = Box(title: title, focused: focused).render(into: &canvas, area: area, theme: theme, glyphs: state.glyphs)
        let chart = Chart(
            lines: [Chart.Line(points: window, style: theme.style(.cpuLine))],
            levels: targets.map { Chart.Level(value: $0.value, label: Chart.trim($0.value) + "%", style: theme.style(.targetLine)) },
            start: state.windowStart, end: state.windowEnd, minY: 0, maxY: 100, fixedMax: true,
            glyphs: state.glyphs, axisStyle: theme.style(.label), format: { Chart.trim($0) })
        chart.render(into: &canvas, area: inner)
    }
}
