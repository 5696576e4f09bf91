import FleetCore
import Foundation

/// An alarm preview as an SVG chart, for the pull request that changes an alarm: per alarm, one
/// panel per version (as defined, and as changed) one above the other on the same time axis. Each
/// panel draws the metric at the alarm's period and statistic, the threshold, the datapoints that
/// breach it, the periods in ALARM shaded and every change of state marked with its time; under
/// the panels, each version's summary (times fired, time in ALARM, final state).
///
/// It draws what ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)`` returned (the
/// period values and the timeline); it evaluates nothing itself. Colours are the theme's roles.
public struct AlarmChartPicture: Sendable {
    /// One version of one alarm, evaluated.
    public struct Panel: Sendable {
        /// "as defined", "changed: threshold 1 → 2".
        public var label: String
        public var definition: AlarmDefinition
        public var periodValues: [Datapoint]
        public var timeline: AlarmTimeline
        /// The first evaluation and the end of the evaluated range.
        public var start: Date
        public var end: Date

        public init(label: String, definition: AlarmDefinition, periodValues: [Datapoint], timeline: AlarmTimeline,
                    start: Date, end: Date) {
            self.label = label
            self.definition = definition
            self.periodValues = periodValues
            self.timeline = timeline
            self.start = start
            self.end = end
        }
    }

    /// Each alarm's panels, one chart per alarm, top to bottom.
    public var alarms: [[Panel]]
    public var theme: Theme
    public var width: Int

    public init(alarms: [[Panel]], theme: Theme, width: Int = 960) {
        self.alarms = alarms.filter { !$0.isEmpty }
        self.theme = theme
        self.width = max(400, width)
    }

    // Layout, in pixels.
    static let left = 64, right = 24, plotHeight = 150, panelGap = 34, titleHeight = 44, lineHeight = 18
    static let sansStack = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"

    /// "threshold 1 → 2, period 5m → 1m": what changed between two definitions.
    public static func changes(from a: AlarmDefinition, to b: AlarmDefinition) -> String {
        var parts: [String] = []
        func add(_ name: String, _ x: String, _ y: String) { if x != y { parts.append("\(name) \(x) → \(y)") } }
        add("threshold", Chart.trim(a.threshold), Chart.trim(b.threshold))
        add("comparison", a.comparison.symbol, b.comparison.symbol)
        add("statistic", a.statistic, b.statistic)
        add("period", Format.duration(a.period), Format.duration(b.period))
        add("evaluation periods", String(a.evaluationPeriods), String(b.evaluationPeriods))
        add("datapoints to alarm", String(a.datapointsToAlarm), String(b.datapointsToAlarm))
        add("missing data", a.treatMissingData.rawValue, b.treatMissingData.rawValue)
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let colors = PictureColors(theme: theme)
        var body = MarkupWriter(capacity: 16_384)
        var y = 0
        for panels in alarms {
            y = chart(panels, top: y, colors: colors, into: &body)
        }
        let height = max(y, 40)
        var out = MarkupWriter(capacity: body.bytes.count + 1024)
        out.svgStart(width: width, height: height, fontFamily: Self.sansStack, fontSize: 13, preserveSpace: false)
        out.raw("<title>")
        out.text("fleetwatch alarm preview: " + alarms.compactMap { $0.first?.definition.name }.joined(separator: ", "))
        out.raw("</title>\n")
        out.pageRect(width: width, height: height, color: colors.background)
        out.append(body)
        out.raw("</svg>\n")
        return out.string
    }

    /// The colour a state is drawn in (its role's colour, whether or not the terminal reverses it).
    func stateColor(_ state: AlarmState, _ colors: PictureColors) -> RGB {
        let role: ThemeRole = switch state {
        case .ok: .alarmOk
        case .alarm: .alarmAlarm
        case .insufficientData: .alarmInsufficient
        }
        return colors.rgb(theme.style(role).fg, foreground: true)
    }

    /// One alarm's chart from `top`; returns the y below it.
    func chart(_ panels: [Panel], top: Int, colors: PictureColors, into out: inout MarkupWriter) -> Int {
        let first = panels[0].definition
        let fg = colors.foreground.hex, label = colors.color(.label, in: theme).hex
        let border = colors.color(.border, in: theme).hex
        var y = top + 26
        text(first.name, x: Self.left, y: y, fill: colors.color(.title, in: theme).hex, extra: " font-size=\"16\" font-weight=\"bold\"", into: &out)
        y += 16
        text("\(first.namespace) \(first.metricName)" + first.dimensions.map { " \($0.name)=\($0.value)" }.joined(),
             x: Self.left, y: y, fill: label, into: &out)
        y = top + Self.titleHeight

        // One time axis for every panel; one value axis too, so the versions compare by eye.
        let t0 = panels.map(\.start).min()!, t1 = max(panels.map(\.end).max()!, t0.addingTimeInterval(60))
        let values = panels.flatMap { $0.periodValues.map(\.value) } + panels.map(\.definition.threshold)
        var lo = min(0, values.min() ?? 0), hi = max(values.max() ?? 1, lo + 1)
        hi = hi > 0 ? Chart.niceCeiling(hi * 1.05) : hi
        if lo < 0 { lo = -Chart.niceCeiling(-lo * 1.05) }
        let plotLeft = Double(Self.left), plotWidth = Double(width - Self.left - Self.right)
        func xOf(_ t: Date) -> Double { plotLeft + t.timeIntervalSince(t0) / t1.timeIntervalSince(t0) * plotWidth }

        for panel in panels {
            let d = panel.definition
            y += Self.lineHeight
            text(panel.label + ": " + PreviewView.rule(d), x: Self.left, y: y - 4, fill: fg, extra: " font-weight=\"bold\"", into: &out)
            let plotTop = Double(y + 4), plotH = Double(Self.plotHeight)
            func yOf(_ v: Double) -> Double { plotTop + plotH - (v - lo) / (hi - lo) * plotH }

            // ALARM periods, shaded.
            let shade = colors.rgb(theme.background(.alarmShadeBg), foreground: false)
            let shadeFill = shade != colors.background ? "fill=\"\(shade.hex)\"" : "fill=\"\(stateColor(.alarm, colors).hex)\" fill-opacity=\"0.25\""
            for interval in panel.timeline.alarmIntervals(until: panel.end) {
                let x0 = xOf(interval.start), x1 = xOf(interval.end)
                out.raw("<rect class=\"alarm-period\" x=\"")
                out.number(x0)
                out.raw("\" y=\"")
                out.number(plotTop)
                out.raw("\" width=\"")
                out.number(max(1, x1 - x0))
                out.raw("\" height=\"")
                out.number(plotH)
                out.raw("\" ")
                out.markup(shadeFill)
                out.raw("/>\n")
            }
            // Frame and value grid.
            out.raw("<rect x=\"")
            out.number(plotLeft)
            out.raw("\" y=\"")
            out.number(plotTop)
            out.raw("\" width=\"")
            out.number(plotWidth)
            out.raw("\" height=\"")
            out.number(plotH)
            out.raw("\" fill=\"none\" stroke=\"")
            out.markup(border)
            out.raw("\"/>\n")
            for v in [lo, (lo + hi) / 2, hi] {
                let gy = yOf(v)
                line(x0: plotLeft, y0: gy, x1: plotLeft + plotWidth, y1: gy, stroke: border, extra: " stroke-opacity=\"0.5\"", into: &out)
                text(Chart.trim(v), x: Self.left - 6, y: Int(gy.rounded()) + 4, fill: label, extra: " text-anchor=\"end\"", into: &out)
            }
            // The threshold.
            let ty = yOf(d.threshold), thresholdColor = colors.color(.thresholdLine, in: theme).hex
            line(x0: plotLeft, y0: ty, x1: plotLeft + plotWidth, y1: ty, stroke: thresholdColor,
                 extra: " class=\"threshold\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"", into: &out)
            text("threshold \(d.comparison.symbol) \(Chart.trim(d.threshold))", x: Int(plotLeft + plotWidth) - 4, y: Int(ty.rounded()) - 5,
                 fill: thresholdColor, extra: " text-anchor=\"end\"", into: &out)
            // The metric: one polyline per stretch without gaps, a dot per datapoint, breaching ones marked.
            let half = Double(d.period) / 2
            var stretch: [Datapoint] = []
            func flush() {
                guard !stretch.isEmpty else { return }
                out.raw("<polyline class=\"metric\" fill=\"none\" stroke=\"")
                out.markup(fg)
                out.raw("\" stroke-width=\"1.5\" points=\"")
                for (i, p) in stretch.enumerated() {
                    if i > 0 { out.raw(" ") }
                    out.number(xOf(p.time.addingTimeInterval(half)))
                    out.raw(",")
                    out.number(yOf(p.value))
                }
                out.raw("\"/>\n")
                stretch.removeAll()
            }
            for p in panel.periodValues {
                if let last = stretch.last, p.time.timeIntervalSince(last.time) > Double(d.period) { flush() }
                stretch.append(p)
            }
            flush()
            let breach = colors.color(.breachMark, in: theme).hex
            for p in panel.periodValues {
                let breaches = d.comparison.breaches(p.value, d.threshold)
                out.raw(breaches ? "<circle class=\"breach\" cx=\"" : "<circle cx=\"")
                out.number(xOf(p.time.addingTimeInterval(half)))
                out.raw("\" cy=\"")
                out.number(yOf(p.value))
                out.raw(breaches ? "\" r=\"3.5\" fill=\"" : "\" r=\"1.8\" fill=\"")
                out.markup(breaches ? breach : fg)
                out.raw("\"/>\n")
            }
            // State changes, marked with their time.
            for (i, t) in panel.timeline.transitions.enumerated() {
                let x = xOf(t.time), color = stateColor(t.to, colors).hex
                line(x0: x, y0: plotTop, x1: x, y1: plotTop + plotH, stroke: color, extra: " class=\"state-change\"", into: &out)
                text("\(Chart.clock(t.time)) \(t.to.rawValue)", x: Int(x.rounded()) + 3, y: Int(plotTop) + 12 + (i % 3) * 13,
                     fill: color, extra: " font-size=\"11\"", into: &out)
            }
            y += 4 + Self.plotHeight
            // The time axis, under every panel (they share it).
            for tick in timeTicks(t0, t1) {
                let x = xOf(tick)
                line(x0: x, y0: Double(y), x1: x, y1: Double(y + 4), stroke: border, into: &out)
                text(Chart.clock(tick), x: Int(x.rounded()), y: y + 16, fill: label, extra: " text-anchor=\"middle\" font-size=\"11\"", into: &out)
            }
            y += Self.panelGap - Self.lineHeight + 20
        }
        text("UTC, \(Format.dateTime(t0)) to \(Format.dateTime(t1))", x: Self.left, y: y, fill: label, extra: " font-size=\"11\"", into: &out)
        // The summary, as text under the panels.
        for panel in panels {
            y += Self.lineHeight
            let tl = panel.timeline
            var s = "\(panel.label): fired \(tl.timesFired) time\(tl.timesFired == 1 ? "" : "s"), "
                + "\(Format.duration(tl.secondsInAlarm)) in ALARM, final state \(tl.finalState.rawValue)"
            if let a = tl.firstFired, let b = tl.lastFired {
                s += a == b ? ", at \(Format.dateTime(a))" : ", first \(Format.dateTime(a)), last \(Format.dateTime(b))"
            }
            text(s, x: Self.left, y: y, fill: stateColor(tl.timesFired > 0 ? .alarm : .ok, colors).hex, extra: " class=\"summary\"", into: &out)
        }
        return y + 16
    }

    /// Tick times on whole steps (1 minute … 1 day), at most about eight.
    func timeTicks(_ t0: Date, _ t1: Date) -> [Date] {
        let span = t1.timeIntervalSince(t0)
        let steps: [Double] = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
        let step = steps.first { span / $0 <= 8 } ?? (span / 8 / 86400).rounded(.up) * 86400
        var t = (t0.timeIntervalSince1970 / step).rounded(.up) * step
        var ticks: [Date] = []
        while t <= t1.timeIntervalSince1970 {
            ticks.append(Date(timeIntervalSince1970: t))
            t += step
        }
        return ticks
    }

    func text(_ s: String, x: Int, y: Int, fill: String, extra: StaticString = "", into out: inout MarkupWriter) {
        out.raw("<text x=\"")
        out.int(x)
        out.raw("\" y=\"")
        out.int(y)
        out.raw("\" fill=\"")
        out.markup(fill)
        out.raw("\"")
        out.raw(extra)
        out.raw(">")
        out.text(s)
        out.raw("</text>\n")
    }

    func line(x0: Double, y0: Double, x1: Double, y1: Double, stroke: String, extra: StaticString = "",
              into out: inout MarkupWriter) {
        out.raw("<line x1=\"")
        out.number(x0)
        out.raw("\" y1=\"")
        out.number(y0)
        out.raw("\" x2=\"")
        out.number(x1)
        out.raw("\" y2=\"")
        out.number(y1)
        out.raw("\" stroke=\"")
        out.markup(stroke)
        out.raw("\"")
        out.raw(extra)
        out.raw("/>\n")
    }
}
