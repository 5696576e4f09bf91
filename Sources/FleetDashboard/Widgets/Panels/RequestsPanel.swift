import FleetCore
import Foundation

/// ALB requests: RequestCount (Sum per minute), one line per AZ or stacked, with the latest total
/// and the requests per target against the scaling target.
struct RequestsPanel {
    var state: DashboardState

    func render(into canvas: inout Canvas, area: Rect, focused: Bool) {
        let theme = state.theme
        let fleet = state.fleet
        let start = state.windowStart, end = state.windowEnd
        let total = fleet.panelSeries(.requests)
        var title: [(String, Style)] = [("ALB requests", theme.style(.title))]
        if let latest = total?.points(from: start, to: end).last ?? total?.latest {
            title.append(("\(Format.grouped(latest.value))/min", theme.style(.requestsLine).adding(.bold)))
        } else {
            title.append(("no data", theme.style(.label)))
        }
        let target = fleet.targets.first { $0.metric == .requestsPerTarget }
        if let perTarget = fleet.panelSeries(.requestsPerTarget)?.latest {
            let over = target.map { perTarget.value > $0.value } ?? false
            var text = "\(Format.grouped(perTarget.value))/target"
            if let target { text += " (vs \(Format.grouped(target.value)))" }
            title.append((text, theme.style(over ? .warning : .label)))
        }
        title.append((state.requestsStacked ? "stacked" : "by AZ", theme.style(.label)))
        let inner = Box(title: title, focused: focused).render(into: &canvas, area: area, theme: theme, glyphs: state.glyphs)
        guard inner.height >= 2 else { return }

        let zones = fleet.zonesWithSeries(.requests)
        var lines: [Chart.Line] = []
        if zones.isEmpty {
            if let total { lines.append(Chart.Line(points: total.points(from: start, to: end), style: theme.style(.requestsLine))) }
        } else {
            var running: Series?
            for (i, zone) in zones.enumerated() {
                guard let s = fleet.panelSeries(.requests, zone: zone) else { continue }
                var shown = s
                if state.requestsStacked {
                    if let below = running {
                        shown = Series.combine([below, s], sum: true, key: s.key, unit: s.unit, capacity: s.capacity)
                    }
                    running = shown
                }
                lines.append(Chart.Line(points: shown.points(from: start, to: end), style: theme.style(Theme.zoneRole(i))))
            }
            if state.requestsStacked { lines.reverse() }
        }
        // Legend: each zone's latest value in its colour.
        let (legend, plot) = inner.splitTop(1)
        var x = legend.x + 1
        for (i, zone) in zones.enumerated() {
            let v = fleet.panelSeries(.requests, zone: zone)?.points(from: start, to: end).last?.value
            let text = "\(state.glyphs == .ascii ? "#" : "■") \(Format.shortZone(zone)) \(v.map(Format.grouped) ?? "–")  "
            x += canvas.write(text, x: x, y: legend.y, style: theme.style(Theme.zoneRole(i)), maxWidth: legend.maxX - x)
        }
        Chart(lines: lines, start: start, end: end, glyphs: state.glyphs, axisStyle: theme.style(.label))
            .render(into: &canvas, area: plot)
    }
}
