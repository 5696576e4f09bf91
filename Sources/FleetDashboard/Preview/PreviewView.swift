import FleetCore
import Foundation

/// The preview screen: the alarm's metric at the edited period and statistic, breaching
/// datapoints marked, ALARM intervals shaded, the thresholds drawn; below, the edited alarm
/// beside the alarm as defined.
struct PreviewView: Widget {
    var preview: AlarmPreview
    /// The preview's keys, as the key map has them (``KeyMap/previewKeyLine``).
    var keyLine: String
    var look: Look

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = look.theme
        let summaryHeight = min(9, max(0, area.height - 6))
        let (chartArea, summaryArea) = area.splitBottom(summaryHeight)
        renderChart(into: &canvas, area: chartArea, theme: theme)
        renderSummary(into: &canvas, area: summaryArea, theme: theme)
        if preview.showExport { renderExport(into: &canvas, area: area, theme: theme) }
    }

    func renderChart(into canvas: inout Canvas, area: Rect, theme: Theme) {
        let e = preview.edited
        let title: [(String, Style)] = [
            ("Alarm preview", theme.style(.title)),
            (e.name, theme.style(.mainFg).adding(.bold)),
            ("\(e.namespace) \(e.metricName) \(e.statistic) per \(Format.duration(e.period))", theme.style(.label)),
        ]
        let inner = Box(title: title, focused: true, look: look).frame(area, into: &canvas)
        guard let outcome = preview.editedOutcome else {
            canvas.write("no data for \(e.namespace) \(e.metricName) yet", x: inner.x + 1, y: inner.y, style: theme.style(.label))
            return
        }
        let values = outcome.periodValues
        let start = values.first!.time
        let end = values.last!.time.addingTimeInterval(Double(e.period))
        var levels = [Chart.Level(value: e.threshold, label: "\(e.comparison.symbol) \(Chart.trim(e.threshold))",
                                  style: theme.style(.thresholdLine))]
        if preview.original.threshold != e.threshold {
            levels.append(Chart.Level(value: preview.original.threshold, label: "as defined \(Chart.trim(preview.original.threshold))",
                                      style: theme.style(.label)))
        }
        let steps = CountMetrics.isCount(namespace: e.namespace, metricName: e.metricName)
        var chart = Chart(lines: [Chart.Line(points: ArraySlice(values), style: theme.style(.mainFg), steps: steps)], levels: levels,
                          start: start, end: end, glyphs: look.glyphs, axisStyle: theme.style(.label))
        chart.shading = outcome.alarmIntervals
        chart.shadeBackground = theme.background(.alarmShadeBg)
        chart.shadeAttributes = theme.backgroundAttributes(.alarmShadeBg)
        chart.marks = outcome.breaching
        chart.markStyle = theme.style(.breachMark)
        chart.render(inner, into: &canvas)
    }

    func renderSummary(into canvas: inout Canvas, area: Rect, theme: Theme) {
        guard area.height >= 3 else { return }
        let inner = Box(title: [("What if", theme.style(.title)),
                                (preview.changed ? "edited" : "unchanged: use the keys below", theme.style(.label))],
                        focused: false, look: look).frame(area, into: &canvas)
        let labelWidth = 12
        let columnWidth = max(10, (inner.width - labelWidth - 2) / 2)
        let xDefined = inner.x + 1 + labelWidth, xEdited = xDefined + columnWidth
        let rows: [(String, (AlarmDefinition, AlarmPreview.Outcome?) -> String)] = [
            ("rule", { d, _ in Self.rule(d) }),
            ("fired", { _, o in o.map { "\($0.timeline.timesFired) time\($0.timeline.timesFired == 1 ? "" : "s")" } ?? "–" }),
            ("in ALARM", { _, o in o.map { Format.duration($0.timeline.secondsInAlarm) } ?? "–" }),
            ("first, last", { _, o in
                guard let o, let first = o.timeline.firstFired, let last = o.timeline.lastFired else { return "never fired" }
                return Format.dateTime(first) + ", " + Chart.clock(last, seconds: false)
            }),
            ("state now", { _, o in o?.timeline.finalState.rawValue ?? "–" }),
        ]
        canvas.write("as defined", x: xDefined, y: inner.y, style: theme.style(.label).adding(.underline))
        canvas.write("preview", x: xEdited, y: inner.y, style: theme.style(.keyHint).adding(.underline))
        for (i, row) in rows.enumerated() where i + 1 < inner.height - 1 {
            let y = inner.y + 1 + i
            canvas.write(row.0, x: inner.x + 1, y: y, style: theme.style(.label))
            let defined = row.1(preview.original, preview.originalOutcome)
            let edited = row.1(preview.edited, preview.editedOutcome)
            canvas.write(defined, x: xDefined, y: y, style: theme.style(.mainFg), maxWidth: columnWidth - 1)
            canvas.write(edited, x: xEdited, y: y, style: theme.style(edited == defined ? .mainFg : .keyHint),
                         maxWidth: inner.maxX - xEdited)
        }
        canvas.write(keyLine, x: inner.x + 1, y: inner.maxY - 1, style: theme.style(.label), maxWidth: inner.width - 2)
    }

    /// `> 1, 2 of 2 × 5m, Maximum, missing`.
    static func rule(_ d: AlarmDefinition) -> String {
        "\(d.comparison.symbol) \(Chart.trim(d.threshold)), \(d.datapointsToAlarm) of \(d.evaluationPeriods) × \(Format.duration(d.period)), \(d.statistic), missing: \(d.treatMissingData.rawValue)"
    }

    func renderExport(into canvas: inout Canvas, area: Rect, theme: Theme) {
        Self.renderExport(preview.exportText, into: &canvas, area: area, look: look)
    }

    /// The export box over the preview (alarm or scaling): the text the loop wrote, or "writing…".
    static func renderExport(_ exportText: String?, into canvas: inout Canvas, area: Rect, look: Look) {
        let theme = look.theme
        let text = (exportText ?? "writing…").split(separator: "\n", omittingEmptySubsequences: false)
        let width = min(area.width - 2, (text.map(\.count).max() ?? 20) + 4)
        let box = area.centered(width: width, height: text.count + 4)
        let base = theme.style(.helpFg, on: .helpBg).adding(theme.backgroundAttributes(.helpBg))
        let inner = Box(title: [("Export", theme.style(.title, on: .helpBg)),
                                ("also printed when fleetwatch exits · any key closes", base)],
                        focused: true, look: look, fill: base).frame(box, into: &canvas)
        for (i, line) in text.enumerated() where i + 1 < inner.height {
            canvas.write(String(line), x: inner.x + 1, y: inner.y + 1 + i, style: base, maxWidth: inner.width - 2)
        }
    }
}
