import FleetCore
import Foundation

/// Unhealthy hosts: UnHealthyHostCount and HealthyHostCount over time, per AZ in the legend, the
/// alarm threshold drawn, and the alarm's state.
struct UnhealthyPanel: Widget {
    var unhealthy: Series?
    var healthy: Series?
    /// The alarms on UnHealthyHostCount.
    var alarms: [AlarmStatus]
    /// Each of the fleet's zones with its two series (either may be missing).
    var zones: [(zone: String, unhealthy: Series?, healthy: Series?)]
    var context: PanelContext

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = context.theme
        let start = context.start, end = context.end
        var title: [(String, Style)] = [("Unhealthy hosts", theme.style(.title))]
        if let u = unhealthy?.points(from: start, to: end).last ?? unhealthy?.latest {
            title.append(("\(Format.grouped(u.value))", theme.style(u.value > 0 ? .unhealthy : .healthy)))
        } else {
            title.append(("no data", theme.style(.label)))
        }
        for alarm in alarms {
            title.append(("alarm \(alarm.state.rawValue)", theme.style(AlarmStrip.role(alarm.state))))
        }
        if let h = healthy?.points(from: start, to: end).last ?? healthy?.latest {
            title.append(("healthy \(Format.grouped(h.value))", theme.style(.healthy)))
        }
        let inner = Box(title: title, focused: context.focused, look: context.look).frame(area, into: &canvas)
        guard inner.height >= 2 else { return }

        let (legend, plot) = inner.splitTop(1)
        var x = legend.x + 1
        let ok = context.glyphs == .ascii ? "ok" : "✓", bad = context.glyphs == .ascii ? "bad" : "✗"
        for (zone, zoneUnhealthy, zoneHealthy) in zones {
            let u = zoneUnhealthy?.points(from: start, to: end).last?.value
            let h = zoneHealthy?.points(from: start, to: end).last?.value
            guard u != nil || h != nil else { continue }
            x += canvas.write("\(Format.shortZone(zone)) ", x: x, y: legend.y, style: theme.style(.label), maxWidth: legend.maxX - x)
            x += canvas.write("\(ok)\(h.map(Format.grouped) ?? "–") ", x: x, y: legend.y, style: theme.style(.healthy), maxWidth: legend.maxX - x)
            x += canvas.write("\(bad)\(u.map(Format.grouped) ?? "–")   ", x: x, y: legend.y,
                              style: theme.style((u ?? 0) > 0 ? .unhealthy : .label), maxWidth: legend.maxX - x)
        }
        var lines: [Chart.Line] = []
        // Host counts: steps, not slopes.
        if let healthy { lines.append(Chart.Line(points: healthy.points(from: start, to: end), style: theme.style(.healthy), steps: true)) }
        if let unhealthy { lines.append(Chart.Line(points: unhealthy.points(from: start, to: end), style: theme.style(.unhealthy), steps: true)) }
        let levels = alarms.map { alarm in
            Chart.Level(value: alarm.definition.threshold,
                        label: "\(alarm.definition.comparison.symbol) \(Chart.trim(alarm.definition.threshold))",
                        style: theme.style(.thresholdLine))
        }
        Chart(lines: lines, levels: levels, start: start, end: end, minY: 0, maxY: 4, glyphs: context.glyphs,
              axisStyle: theme.style(.label), format: { Chart.trim($0) })
            .render(plot, into: &canvas)
    }
}
