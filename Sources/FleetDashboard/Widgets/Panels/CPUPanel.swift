import FleetCore
import Foundation

/// CPU: the group's average CPUUtilization, its latest value, min/max in the window, and the
/// target-tracking target drawn as a line.
struct CPUPanel: Widget {
    var series: Series?
    /// The target-tracking targets on CPU.
    var targets: [TargetLine]
    var context: PanelContext

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = context.theme
        let window = series?.points(from: context.start, to: context.end) ?? []
        var title: [(String, Style)] = [("CPU", theme.style(.title))]
        if let latest = window.last ?? series?.latest {
            title.append(("\(Format.oneDecimal(latest.value))% avg", theme.style(.cpuLine).adding(.bold)))
        } else {
            title.append(("no data", theme.style(.label)))
        }
        if let lo = window.map(\.value).min(), let hi = window.map(\.value).max() {
            title.append(("min \(Format.oneDecimal(lo)) max \(Format.oneDecimal(hi))", theme.style(.label)))
        }
        for t in targets { title.append(("target \(Chart.trim(t.value))%", theme.style(.targetLine))) }
        let inner = Box(title: title, focused: context.focused, look: context.look).frame(area, into: &canvas)
        let chart = Chart(
            lines: [Chart.Line(points: window, style: theme.style(.cpuLine))],
            levels: targets.map { Chart.Level(value: $0.value, label: Chart.trim($0.value) + "%", style: theme.style(.targetLine)) },
            start: context.start, end: context.end, minY: 0, maxY: 100, fixedMax: true,
            glyphs: context.glyphs, axisStyle: theme.style(.label), format: { Chart.trim($0) },
            eventMarks: context.eventMarks, eventMarkStyle: theme.style(.keyHint))
        chart.render(inner, into: &canvas)
    }
}
