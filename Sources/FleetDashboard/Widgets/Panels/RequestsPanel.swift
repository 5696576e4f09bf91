import FleetCore
import Foundation

/// ALB requests: RequestCount (Sum per minute), one line per AZ or stacked, with the latest total
/// and the requests per target against the scaling target.
struct RequestsPanel: Widget {
    /// RequestCount for the whole load balancer.
    var total: Series?
    /// RequestCountPerTarget, and the scaling target on it.
    var perTarget: Series?
    var target: TargetLine?
    /// Each zone's RequestCount, in the fleet's zone order (zones without data left out).
    var zones: [(zone: String, series: Series)]
    var stacked: Bool
    var context: PanelContext

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = context.theme
        let start = context.start, end = context.end
        var title: [(String, Style)] = [("ALB requests", theme.style(.title))]
        if let latest = total?.points(from: start, to: end).last ?? total?.latest {
            title.append(("\(Format.grouped(latest.value))/min", theme.style(.requestsLine).adding(.bold)))
        } else {
            title.append(("no data", theme.style(.label)))
        }
        if let perTarget = perTarget?.latest {
            let over = target.map { perTarget.value > $0.value } ?? false
            var text = "\(Format.grouped(perTarget.value))/target"
            if let target { text += " (vs \(Format.grouped(target.value)))" }
            title.append((text, theme.style(over ? .warning : .label)))
        }
        title.append((stacked ? "stacked" : "by AZ", theme.style(.label)))
        let inner = Box(title: title, focused: context.focused, look: context.look).frame(area, into: &canvas)
        guard inner.height >= 2 else { return }

        var lines: [Chart.Line] = []
        if zones.isEmpty {
            if let total { lines.append(Chart.Line(points: total.points(from: start, to: end), style: theme.style(.requestsLine))) }
        } else {
            var running: Series?
            for (i, (_, s)) in zones.enumerated() {
                var shown = s
                if stacked {
                    if let below = running {
                        shown = Series.combine([below, s], sum: true, key: s.key, unit: s.unit, capacity: s.capacity)
                    }
                    running = shown
                }
                lines.append(Chart.Line(points: shown.points(from: start, to: end), style: theme.style(Theme.zoneRole(i))))
            }
            if stacked { lines.reverse() }
        }
        // Legend: each zone's latest value in its colour.
        let (legend, plot) = inner.splitTop(1)
        var x = legend.x + 1
        for (i, (zone, series)) in zones.enumerated() {
            let v = series.points(from: start, to: end).last?.value
            let text = "\(context.glyphs == .ascii ? "#" : "■") \(Format.shortZone(zone)) \(v.map(Format.grouped) ?? "–")  "
            x += canvas.write(text, x: x, y: legend.y, style: theme.style(Theme.zoneRole(i)), maxWidth: legend.maxX - x)
        }
        Chart(lines: lines, start: start, end: end, glyphs: context.glyphs, axisStyle: theme.style(.label),
              eventMarks: context.eventMarks, eventMarkStyle: theme.style(.keyHint))
            .render(plot, into: &canvas)
    }
}
