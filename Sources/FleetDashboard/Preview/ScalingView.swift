import FleetCore
import Foundation

/// The scaling view: the metric the selected policy watches (as recorded, and as the simulated group would
/// have seen it) with its target; under it the capacity as steps (what if, as defined when edited, and what
/// the scaling events say really happened) between the group's limits, activities marked on the time axes
/// (`▴` simulated, `▵` real); beside it the activities in Auto Scaling's wording; below, the policy as
/// defined, as edited, and what really happened.
struct ScalingView: Widget {
    var whatIf: ScalingWhatIf
    /// The view's keys, as the key map has them (``KeyMap/scalingKeyLine``).
    var keyLine: String
    var look: Look

    var marks: (simulated: String, real: String) { look.glyphs == .ascii ? ("^", ".") : ("▴", "▵") }

    func render(_ area: Rect, into canvas: inout Canvas) {
        let summaryHeight = min(10, max(0, area.height - 8))
        let (top, summaryArea) = area.splitBottom(summaryHeight)
        var charts = top
        var list: Rect?
        if top.width >= 120 {
            let (left, right) = top.splitLeft(top.width - min(72, top.width * 2 / 5))
            (charts, list) = (left, right)
        } else if top.height >= 30 {
            let (upper, lower) = top.splitBottom(top.height / 3)
            (charts, list) = (upper, lower)
        }
        let (metricArea, capacityArea) = charts.splitTop(charts.height * 11 / 20)
        renderMetric(into: &canvas, area: metricArea)
        renderCapacity(into: &canvas, area: capacityArea)
        if let list { renderActivities(into: &canvas, area: list) }
        renderSummary(into: &canvas, area: summaryArea)
        if whatIf.showExport { PreviewView.renderExport(whatIf.exportText, into: &canvas, area: area, look: look) }
    }

    /// The range the charts show: the simulation's.
    var range: (start: Date, end: Date)? {
        (whatIf.whatIf ?? whatIf.asDefined).map { ($0.preview.start, $0.preview.end) }
    }

    func configure(_ chart: inout Chart) {
        let theme = look.theme
        chart.eventMarks = whatIf.whatIf?.preview.activities.map(\.time) ?? []
        chart.eventMarkStyle = theme.style(.keyHint)
        chart.otherEventMarks = whatIf.real.activities.map(\.time)
        chart.otherEventMarkStyle = theme.style(.warning)
    }

    func renderMetric(into canvas: inout Canvas, area: Rect) {
        let theme = look.theme
        guard let policy = whatIf.policy else { return }
        let metric = whatIf.whatIf?.metrics[policy.name]
        var title: [(String, Style)] = [("Scaling preview", theme.style(.title)), (policy.name, theme.style(.mainFg).adding(.bold))]
        if let d = metric?.alarm { title.append(("\(d.namespace) \(d.metricName) \(d.statistic)", theme.style(.label))) }
        title.append(("\(whatIf.selected + 1)/\(whatIf.edited.policies.count) · \(whatIf.edited.origin)", theme.style(.label)))
        let inner = Box(title: title, focused: true, look: look).frame(area, into: &canvas)
        guard let metric, let range else {
            let lint = (whatIf.whatIf?.lint ?? []).first { $0.hasPrefix(policy.name + ":") }
            canvas.write(lint ?? "\(policy.name): no data for its metric yet", x: inner.x + 1, y: inner.y,
                         style: theme.style(lint == nil ? .label : .warning), maxWidth: inner.width - 2)
            return
        }
        var levels: [Chart.Level] = []
        if case .targetTracking(let c) = policy.kind {
            levels.append(Chart.Level(value: c.targetValue, label: "target \(Chart.trim(c.targetValue))", style: theme.style(.thresholdLine)))
            if !c.disableScaleIn {
                let low = c.targetValue * whatIf.edited.assumptions.lowRatio
                levels.append(Chart.Level(value: low, label: "scale-in < \(Chart.trim(low))", style: theme.style(.label)))
            }
        } else {
            let d = metric.alarm
            levels.append(Chart.Level(value: d.threshold, label: "\(d.name) \(d.comparison.symbol) \(Chart.trim(d.threshold))",
                                      style: theme.style(.thresholdLine)))
        }
        var chart = Chart(lines: [Chart.Line(points: ArraySlice(metric.recorded), style: theme.style(.label)),
                                  Chart.Line(points: ArraySlice(metric.simulated), style: theme.style(.mainFg))],
                          levels: levels, start: range.start, end: range.end, glyphs: look.glyphs, axisStyle: theme.style(.label))
        configure(&chart)
        guard inner.height >= 8 else {
            chart.render(inner, into: &canvas)
            return
        }
        let (legend, plot) = inner.splitTop(1)
        canvas.write("as recorded", x: legend.x + 1, y: legend.y, style: theme.style(.label))
        canvas.write("as the simulated group would have seen it (" + whatIf.edited.model.rawValue + " load model)",
                     x: legend.x + 14, y: legend.y, style: theme.style(.mainFg), maxWidth: legend.maxX - legend.x - 15)
        chart.render(plot, into: &canvas)
    }

    func renderCapacity(into canvas: inout Canvas, area: Rect) {
        let theme = look.theme
        let title: [(String, Style)] = [("Capacity", theme.style(.title)), ("what if \(marks.simulated)", theme.style(.keyHint)),
                                        (whatIf.changed ? "as defined" : "", theme.style(.label)),
                                        ("real (scaling events) \(marks.real)", theme.style(.warning))]
        let inner = Box(title: title.filter { !$0.0.isEmpty }, focused: false, look: look).frame(area, into: &canvas)
        guard let range else { return }
        func line(_ path: CapacityPath?, _ role: ThemeRole) -> Chart.Line? {
            guard let path, !path.steps.isEmpty else { return nil }
            var points = path.steps.map { Datapoint(time: $0.time, value: Double($0.capacity)) }
            if let last = path.value(at: range.end) { points.append(Datapoint(time: range.end, value: Double(last))) }
            return Chart.Line(points: ArraySlice(points), style: theme.style(role), steps: true)
        }
        let lines = [line(whatIf.real.capacity, .warning),
                     whatIf.changed ? line(whatIf.asDefined?.preview.path, .label) : nil,
                     line(whatIf.whatIf?.preview.path, .keyHint)].compactMap { $0 }
        let group = whatIf.edited.group
        var chart = Chart(lines: lines,
                          levels: [Chart.Level(value: Double(group.maxSize), label: "max \(group.maxSize)", style: theme.style(.label)),
                                   Chart.Level(value: Double(group.minSize), label: "min \(group.minSize)", style: theme.style(.label))],
                          start: range.start, end: range.end, maxY: Double((group.maxSize + 2) / 2 * 2), fixedMax: true,
                          glyphs: look.glyphs, axisStyle: theme.style(.label))
        configure(&chart)
        chart.render(inner, into: &canvas)
    }

    /// One activity for the list: when, the change, and its cause in Auto Scaling's words.
    struct Listed {
        var time: Date
        var change: (from: Int, to: Int)?
        var cause: String
    }

    func renderActivities(into canvas: inout Canvas, area: Rect) {
        let theme = look.theme
        let simulated = (whatIf.whatIf?.preview.activities ?? []).map { Listed(time: $0.time, change: ($0.from, $0.to), cause: $0.cause) }
        let real = whatIf.real.activities.map { Listed(time: $0.time, change: $0.capacityChange, cause: $0.text) }
        let inner = Box(title: [("Activities", theme.style(.title)),
                                ("what if \(simulated.count) · real \(real.count)", theme.style(.label))],
                        focused: false, look: look).frame(area, into: &canvas)
        let width = inner.width - 2
        guard width >= 10, inner.height >= 1 else { return }
        var rows: [(String, Style)] = []
        for lint in whatIf.whatIf?.lint ?? [] {
            rows += Self.wrap("lint: " + lint, width: width).map { ($0, theme.style(.warning)) }
        }
        // Auto Scaling's words when they all fit, else one line each, each kind given its share of the rows.
        let available = max(2, inner.height - rows.count - 3)
        var needed = 0
        for item in simulated + real where needed <= available { needed += Self.wrap(item.cause, width: width).count }
        let full = needed <= available
        let realShare = full ? real.count : min(max(1, real.count), available / 2)
        func section(_ items: [Listed], share: Int, none: String) -> [(String, Style)] {
            guard !items.isEmpty else { return [(none, theme.style(.label))] }
            if full { return items.flatMap { Self.wrap($0.cause, width: width).map { ($0, theme.style(.mainFg)) } } }
            let shown = items.count <= share ? items : Array(items.prefix(max(0, share - 1)))
            var out = shown.map { (Self.compact($0), theme.style(.mainFg)) }
            if shown.count < items.count { out.append(("… \(items.count - shown.count) more", theme.style(.label))) }
            return out
        }
        rows.append(("\(marks.simulated) what if (simulated)", theme.style(.keyHint).adding(.underline)))
        rows += section(simulated, share: max(1, available - realShare), none: "no scaling activities")
        rows.append(("", theme.style(.label)))
        rows.append(("\(marks.real) real (the fleet's scaling events)", theme.style(.warning).adding(.underline)))
        rows += section(real, share: realShare, none: "none in the data")
        for (i, row) in rows.prefix(inner.height).enumerated() {
            canvas.write(row.0, x: inner.x + 1, y: inner.y + i, style: row.1, maxWidth: width)
        }
    }

    /// An activity in one line: `13:14 6 → 7 erato-target-cpu (AlarmHigh)`: the policy and alarm as its cause
    /// names them (target tracking's alarms by their side, other alarms by name).
    static func compact(_ item: Listed) -> String {
        let cause = item.cause
        var text = Chart.clock(item.time)
        if let change = item.change { text += " \(change.from) → \(change.to)" }
        if let policy = cause.range(of: "triggered policy "),
           let changing = cause.range(of: " changing", range: policy.upperBound..<cause.endIndex) {
            text += " " + cause[policy.upperBound..<changing.lowerBound]
        }
        if let a = cause.range(of: "a monitor alarm "), let end = cause[a.upperBound...].firstIndex(of: " ") {
            let name = String(cause[a.upperBound..<end])
            text += " (" + (["AlarmHigh", "AlarmLow"].first { name.contains("-\($0)-") } ?? name) + ")"
        }
        return text
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    func renderSummary(into canvas: inout Canvas, area: Rect) {
        let theme = look.theme
        guard area.height >= 3 else { return }
        let inner = Box(title: [("What if", theme.style(.title)),
                                (whatIf.changed ? "edited" : "unchanged: use the keys below", theme.style(.label))],
                        focused: false, look: look).frame(area, into: &canvas)
        let labelWidth = 17
        let columnWidth = max(10, (inner.width - labelWidth - 2) / 3)
        let x0 = inner.x + 1 + labelWidth
        let xs = [x0, x0 + columnWidth, x0 + 2 * columnWidth]
        canvas.write("as defined", x: xs[0], y: inner.y, style: theme.style(.label).adding(.underline))
        canvas.write("what if", x: xs[1], y: inner.y, style: theme.style(.keyHint).adding(.underline))
        canvas.write("real", x: xs[2], y: inner.y, style: theme.style(.warning).adding(.underline))
        for (i, row) in rows.enumerated() where i + 1 < inner.height - 1 {
            let y = inner.y + 1 + i
            canvas.write(row.label, x: inner.x + 1, y: y, style: theme.style(.label), maxWidth: labelWidth - 1)
            canvas.write(row.defined, x: xs[0], y: y, style: theme.style(.mainFg), maxWidth: columnWidth - 1)
            canvas.write(row.edited, x: xs[1], y: y, style: theme.style(row.edited == row.defined ? .mainFg : .keyHint),
                         maxWidth: columnWidth - 1)
            canvas.write(row.real, x: xs[2], y: y, style: theme.style(.mainFg), maxWidth: inner.maxX - xs[2])
        }
        canvas.write(keyLine, x: inner.x + 1, y: inner.maxY - 1, style: theme.style(.label), maxWidth: inner.width - 2)
    }

    /// The summary's rows: label, as defined, what if, real.
    var rows: [(label: String, defined: String, edited: String, real: String)] {
        guard let policy = whatIf.policy, let original = whatIf.originalPolicy else { return [] }
        let (a, b) = (whatIf.original, whatIf.edited)
        var out: [(label: String, defined: String, edited: String, real: String)] = []
        out.append(("policy", Self.rule(original), Self.rule(policy), ""))
        out.append(("scale-in", Self.scaleIn(original, a.assumptions), Self.scaleIn(policy, b.assumptions), ""))
        out.append(("warm-up, limits", Self.limits(original, a.group), Self.limits(policy, b.group), ""))
        let real = whatIf.real.activities.compactMap(\.capacityChange)
        out.append(("activities", Self.count(whatIf.asDefined?.preview.activities.map { ($0.from, $0.to) }),
                    Self.count(whatIf.whatIf?.preview.activities.map { ($0.from, $0.to) }),
                    whatIf.real.capacity == nil ? "none in the data" : Self.count(real)))
        let realPath = whatIf.real.capacity
        let range = self.range
        out.append(("peak, inst-hours", Self.usage(whatIf.asDefined?.preview), Self.usage(whatIf.whatIf?.preview),
                    realPath.flatMap { path in range.map { r in
                        "\(path.peak(from: r.start, to: r.end) ?? 0), " + String(format: "%.1f", path.instanceHours(from: r.start, to: r.end))
                    } } ?? "–"))
        if case .targetTracking(let c) = policy.kind {
            let minutes = { (o: ScalingWhatIf.Outcome?) in o?.preview.aboveTarget.first { $0.policy == policy.name } }
            out.append(("min above target", minutes(whatIf.asDefined).map { "\($0.simulated) (> \(Chart.trim($0.target)))" } ?? "–",
                        minutes(whatIf.whatIf).map { "\($0.simulated) (> \(Chart.trim(c.targetValue)))" } ?? "–",
                        minutes(whatIf.whatIf).map { "\($0.recorded) as recorded" } ?? "–"))
        }
        return out
    }

    /// `target 70`, `step +1 ≥0 +3 ≥10 (ChangeInCapacity)`, `simple -10% (cooldown 600s)`.
    static func rule(_ policy: ScalingPolicy) -> String {
        switch policy.kind {
        case .targetTracking(let c):
            return "target \(Chart.trim(c.targetValue))"
        case .step(let c):
            return "step " + c.steps.map { "\(Self.adjustment($0.adjustment, c.type)) ≥\(Chart.trim($0.lowerBound ?? -.infinity))" }
                .joined(separator: " ")
        case .simple(let c):
            return "simple \(Self.adjustment(c.steps.first?.adjustment ?? 0, c.type))" + (c.cooldown.map { ", cooldown \($0)s" } ?? "")
        }
    }

    static func adjustment(_ n: Int, _ type: AdjustmentType) -> String {
        switch type {
        case .changeInCapacity: n >= 0 ? "+\(n)" : "\(n)"
        case .exactCapacity: "=\(n)"
        case .percentChangeInCapacity: (n >= 0 ? "+\(n)" : "\(n)") + "%"
        }
    }

    static func scaleIn(_ policy: ScalingPolicy, _ assumptions: ScalingAssumptions) -> String {
        guard case .targetTracking(let c) = policy.kind else { return "by its alarm" }
        if c.disableScaleIn { return "disabled" }
        return "< \(Chart.trim(c.targetValue * assumptions.lowRatio)) (×\(Chart.trim(assumptions.lowRatio * 100))%)"
    }

    static func limits(_ policy: ScalingPolicy, _ group: ScalingGroup) -> String {
        "\(Format.duration(group.warmup(for: policy))), \(group.minSize)–\(group.maxSize)"
    }

    static func count(_ changes: [(from: Int, to: Int)]?) -> String {
        guard let changes else { return "–" }
        let out = changes.filter { $0.to > $0.from }.count
        return "\(changes.count): \(out) out, \(changes.count - out) in"
    }

    static func usage(_ preview: ScalingPreview?) -> String {
        guard let preview else { return "–" }
        return "\(preview.peakCapacity), " + String(format: "%.1f", preview.instanceHours)
    }
}
