import FleetCore
import Foundation

/// One instance, over the whole body: id, zone, lifecycle, target health with its reason and
/// since when, its CPU, its zone's response time, the latest `/health` probe answer when a probe
/// runs, and its events, newest first.
struct InstanceView: Widget {
    var instance: Instance
    /// Its own `CPUUtilization` series (the `InstanceId` dimension), when a source gives one.
    var cpu: Series?
    /// Its `/health` check times, when a probe source measures them.
    var probe: Series?
    /// Its zone's `TargetResponseTime` p50 and p99 (CloudWatch has no per-target response time).
    var p50: Series?
    var p99: Series?
    /// When its target health last changed, from its health events.
    var healthSince: Date?
    /// Its events, newest first.
    var events: [FleetEvent]
    var context: PanelContext
    var backKey: String

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = context.theme
        let title: [(String, Style)] = [("Instance", theme.style(.title)), (instance.id, theme.style(.mainFg).adding(.bold)),
                                        ("\(backKey) back", theme.style(.keyHint))]
        let inner = Box(title: title, focused: true, look: context.look).frame(area, into: &canvas)
        guard inner.height >= 4, inner.width >= 20 else { return }
        var x = inner.x + 1
        func put(_ text: String, _ role: ThemeRole, y: Int) {
            x += canvas.write(text, x: x, y: y, style: theme.style(role), maxWidth: max(0, inner.maxX - x))
        }
        put("zone ", .label, y: inner.y)
        put(instance.zone, .mainFg, y: inner.y)
        put("  lifecycle ", .label, y: inner.y)
        put(instance.lifecycle.rawValue, InstancesPanel.role(instance.lifecycle), y: inner.y)
        put("  CPU ", .label, y: inner.y)
        put(instance.cpu.map { "\(Format.oneDecimal($0))%" } ?? "–", .mainFg, y: inner.y)
        x = inner.x + 1
        put("target health ", .label, y: inner.y + 1)
        put(instance.health.rawValue, InstancesPanel.role(instance.health), y: inner.y + 1)
        if let reason = instance.reason { put(" (\(reason))", .label, y: inner.y + 1) }
        put(healthSince.map { " since \(Format.dateTime($0))" } ?? " since before the first event", .label, y: inner.y + 1)
        x = inner.x + 1
        put("latest /health probe ", .label, y: inner.y + 2)
        put(instance.latency.map(Format.latency) ?? "none (no probe source)", instance.latency == nil ? .label : .mainFg, y: inner.y + 2)

        let body = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3)
        let (charts, list) = body.width >= 100 ? body.splitLeft(body.width / 2) : body.splitTop(body.height * 3 / 5)
        let (cpuArea, latencyArea) = charts.splitTop(charts.height / 2)
        let start = context.start, end = context.end
        chart(cpuArea, into: &canvas, label: "CPU", lines: cpu.map { [Chart.Line(points: $0.points(from: start, to: end), style: theme.style(.cpuLine))] } ?? [],
              maxY: 100, fixed: true, format: { Chart.trim($0) })
        var latencyLines: [Chart.Line] = []
        if let p50 { latencyLines.append(Chart.Line(points: ErrorsPanel.milliseconds(p50, from: start, to: end), style: theme.style(.healthy))) }
        if let p99 { latencyLines.append(Chart.Line(points: ErrorsPanel.milliseconds(p99, from: start, to: end), style: theme.style(.warning))) }
        if let probe { latencyLines.append(Chart.Line(points: ErrorsPanel.milliseconds(probe, from: start, to: end), style: theme.style(.cpuLine))) }
        chart(latencyArea, into: &canvas, label: "\(instance.zone) TargetResponseTime p50/p99" + (probe == nil ? "" : ", its /health checks"),
              lines: latencyLines, maxY: 100, fixed: false, format: { Format.latency($0 / 1000) })
        EventsPanel(events: events, total: events.count, title: "Its events", focused: false, look: context.look)
            .render(list, into: &canvas)
    }

    func chart(_ area: Rect, into canvas: inout Canvas, label: String, lines: [Chart.Line], maxY: Double, fixed: Bool,
               format: @escaping (Double) -> String) {
        guard area.height >= 2 else { return }
        let (head, plot) = area.splitTop(1)
        canvas.write(label + (lines.isEmpty ? ": no data" : ""), x: head.x + 1, y: head.y, style: context.theme.style(.label),
                     maxWidth: head.width - 1)
        Chart(lines: lines, start: context.start, end: context.end, minY: 0, maxY: maxY, fixedMax: fixed,
              glyphs: context.glyphs, axisStyle: context.theme.style(.label), format: format,
              eventMarks: context.eventMarks, eventMarkStyle: context.theme.style(.keyHint))
            .render(plot, into: &canvas)
    }
}
