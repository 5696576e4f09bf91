import FleetCore
import Foundation

/// Errors and latency: target 5XX (the application failing) against ELB 5XX (the load balancer
/// with nowhere to send traffic) above, `TargetResponseTime` p50 and p99 per AZ below.
struct ErrorsPanel: Widget {
    var target5xx: Series?
    var elb5xx: Series?
    /// Each zone with its p50 and p99 series.
    var zones: [(zone: String, p50: Series?, p99: Series?)]
    var context: PanelContext

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = context.theme
        let start = context.start, end = context.end
        let target = target5xx?.points(from: start, to: end) ?? []
        let elb = elb5xx?.points(from: start, to: end) ?? []
        var title: [(String, Style)] = [("Errors & latency", theme.style(.title))]
        if target5xx == nil && elb5xx == nil && zones.allSatisfy({ $0.p50 == nil && $0.p99 == nil }) {
            title.append(("no data", theme.style(.label)))
        } else {
            let t = target.last?.value ?? 0, e = elb.last?.value ?? 0
            title.append(("target 5XX \(Format.grouped(t))", theme.style(t > 0 ? .error : .label)))
            title.append(("ELB 5XX \(Format.grouped(e))", theme.style(e > 0 ? .warning : .label)))
        }
        let inner = Box(title: title, focused: context.focused, look: context.look).frame(area, into: &canvas)
        guard inner.height >= 4 else { return }
        let (top, bottom) = inner.splitTop(inner.height / 2)

        Chart(lines: [Chart.Line(points: target, style: theme.style(.error)),
                      Chart.Line(points: elb, style: theme.style(.warning))],
              start: start, end: end, minY: 0, maxY: 10, glyphs: context.glyphs, axisStyle: theme.style(.label),
              eventMarks: context.eventMarks, eventMarkStyle: theme.style(.keyHint))
            .render(top, into: &canvas)

        let (legend, plot) = bottom.splitTop(1)
        var x = legend.x + 1
        var lines: [Chart.Line] = []
        for (i, (zone, p50, p99)) in zones.enumerated() {
            let style = theme.style(Theme.zoneRole(i))
            if let p99 { lines.append(Chart.Line(points: Self.milliseconds(p99, from: start, to: end), style: style)) }
            let a = p50?.points(from: start, to: end).last?.value, b = p99?.points(from: start, to: end).last?.value
            guard a != nil || b != nil else { continue }
            let text = "\(Format.shortZone(zone)) p50 \(a.map(Format.latency) ?? "–") p99 \(b.map(Format.latency) ?? "–")  "
            x += canvas.write(text, x: x, y: legend.y, style: style, maxWidth: legend.maxX - x)
        }
        Chart(lines: lines, start: start, end: end, minY: 0, maxY: 100, glyphs: context.glyphs,
              axisStyle: theme.style(.label), format: { Format.latency($0 / 1000) })
            .render(plot, into: &canvas)
    }

    /// Response times in milliseconds, so the chart's axis rounds to sensible steps.
    static func milliseconds(_ series: Series, from start: Date, to end: Date) -> ArraySlice<Datapoint> {
        ArraySlice(series.points(from: start, to: end).map { Datapoint(time: $0.time, value: $0.value * 1000) })
    }
}
