import FleetCore
import Foundation

/// The overview's table: a line of column titles, then a row per fleet (``FleetSummary``), the
/// selected one reversed. Columns narrow and the optional ones (account, sparklines) drop out on a
/// narrow screen; every text from data is written through the canvas (made safe there).
struct OverviewTable: Widget {
    var rows: [FleetSummary]
    /// The index into `rows` of the selected row, if any.
    var selected: Int?
    /// The first row shown (the table scrolls to keep the selection in view).
    var top: Int
    var now: Date
    var look: Look
    /// Shown when `rows` is empty.
    var emptyText: String

    /// Widths of the columns on a screen `width` wide.
    struct Columns {
        var name: Int, region: Int, account: Int, health: Int, spark: Int
        static let mark = 2, alarm = 6, cpu = 4, requests = 6, fiveXX = 6, age = 5

        init(width: Int) {
            let wide = width >= 120
            region = 15
            account = wide ? 13 : 0
            health = wide ? 23 : 12
            let others = Self.mark + region + account + Self.alarm + 1 + health + 1 + Self.cpu + 1
                + Self.requests + 1 + Self.fiveXX + 1 + Self.age
            name = wide ? 27 : max(12, min(27, width - others))
            let rest = max(0, width - others - name - 2) / 2
            spark = rest >= 4 ? min(FleetSummary.sparkMinutes, rest - 1) : 0
        }
    }

    func render(_ area: Rect, into canvas: inout Canvas) {
        guard area.height > 0 else { return }
        let theme = look.theme
        let columns = Columns(width: area.width)
        renderTitles(area, columns: columns, into: &canvas)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if rows.isEmpty {
            canvas.write(emptyText, x: body.x + Columns.mark, y: body.y, style: theme.style(.label), maxWidth: body.width - Columns.mark)
            return
        }
        let styles = RowStyles(theme)
        for (line, index) in (top..<min(rows.count, top + body.height)).enumerated() {
            renderRow(rows[index], columns: columns, selected: index == selected,
                      area: Rect(x: body.x, y: body.y + line, width: body.width, height: 1), styles: styles, into: &canvas)
        }
    }

    /// The line of column titles, on the first line of `area`.
    func renderTitles(_ area: Rect, columns: Columns, into canvas: inout Canvas) {
        let theme = look.theme
        var titles: [(String, Int)] = [("", Columns.mark), ("fleet", columns.name), ("region", columns.region)]
        if columns.account > 0 { titles.append(("account", columns.account)) }
        titles += [("alarm", Columns.alarm + 1), (columns.health >= 17 ? "healthy/unhealthy" : "ok/bad", columns.health + 1),
                   ("CPU", Columns.cpu + 1 + (columns.spark > 0 ? columns.spark + 1 : 0)),
                   ("req/min", Columns.requests + 1 + (columns.spark > 0 ? columns.spark + 1 : 0)),
                   ("  5XX", Columns.fiveXX + 1), ("  age", Columns.age)]
        var x = area.x
        for (title, width) in titles {
            canvas.write(title, x: x, y: area.y, style: theme.style(.label), maxWidth: min(width, area.maxX - x))
            x += width
        }
    }

    /// The styles of the roles a row uses, looked up in the theme once per frame rather than for
    /// every cell (a theme lookup hashes the role's name).
    struct RowStyles {
        static let roles: [ThemeRole] = [.alarmAlarm, .alarmOk, .alarmInsufficient, .title, .mainFg, .label, .healthy,
                                         .unhealthy, .cpuLine, .requestsLine, .error, .warning]
        let plain: [Style]
        let reversed: [Style]

        init(_ theme: Theme) {
            plain = Self.roles.map { theme.style($0) }
            reversed = plain.map { $0.adding(.reverse) }
        }

        func style(_ role: ThemeRole, selected: Bool) -> Style {
            guard let i = Self.roles.firstIndex(of: role) else { return .plain }
            return selected ? reversed[i] : plain[i]
        }
    }

    func renderRow(_ row: FleetSummary, columns: Columns, selected: Bool, area: Rect, styles: RowStyles,
                   into canvas: inout Canvas) {
        func style(_ role: ThemeRole) -> Style {
            styles.style(role, selected: selected)
        }
        if selected { canvas.fill(area, style: style(.mainFg)) }
        var x = area.x
        func cell(_ text: String, _ width: Int, _ role: ThemeRole, right: Bool = false) {
            let room = max(0, width - 1)
            let shown = text.count > room && room > 1 ? String(text.prefix(room - 1)) + "…" : String(text.prefix(room))
            let pad = right ? max(0, width - 1 - shown.count) : 0
            canvas.write(shown, x: x + pad, y: area.y, style: style(role), maxWidth: max(0, min(width - 1, area.maxX - x - pad)))
            x += width
        }
        cell(row.alarmJustRaised ? "!" : "", Columns.mark, .alarmAlarm)
        cell(row.name, columns.name, .title)
        cell(row.region, columns.region, .mainFg)
        if columns.account > 0 { cell(row.account ?? "–", columns.account, .label) }
        let alarm = row.worstAlarm.map { $0 == .insufficientData ? "INSUF" : $0.rawValue } ?? "–"
        cell(alarm, Columns.alarm + 1, row.worstAlarm.map(AlarmStrip.role) ?? .label)
        renderHealth(row.zones, width: columns.health, x: x, y: area.y, style: style, into: &canvas)
        x += columns.health + 1
        cell(row.cpu.map { "\(Int(saturating: $0.rounded()))%" } ?? "–", Columns.cpu + 1, .cpuLine, right: true)
        if columns.spark > 0 {
            Sparkline(values: row.cpuSpark, ceiling: 100, glyphs: look.glyphs, style: style(.cpuLine))
                .render(Rect(x: x, y: area.y, width: columns.spark, height: 1), into: &canvas)
            x += columns.spark + 1
        }
        cell(row.requestsPerMinute.map(Chart.compact) ?? "–", Columns.requests + 1, .requestsLine, right: true)
        if columns.spark > 0 {
            Sparkline(values: row.requestsSpark, ceiling: nil, glyphs: look.glyphs, style: style(.requestsLine))
                .render(Rect(x: x, y: area.y, width: columns.spark, height: 1), into: &canvas)
            x += columns.spark + 1
        }
        let rate = row.fiveXXRate.map { $0 * 100 }
        let rateText = rate.map { $0 == 0 ? "0%" : $0 < 0.1 ? "<0.1%" : "\(Format.oneDecimal($0))%" } ?? "–"
        cell(rateText, Columns.fiveXX + 1, (rate ?? 0) >= 1 ? .error : (rate ?? 0) > 0 ? .warning : .mainFg, right: true)
        cell(row.dataAge(at: now).map(Self.age) ?? "–", Columns.age + 1, Self.ageRole(row), right: true)
    }

    /// The data age's colour: a failing source, else a stale one, else plain.
    static func ageRole(_ row: FleetSummary) -> ThemeRole {
        row.sources.contains { $0.health == .error } ? .error : row.isStale ? .warning : .mainFg
    }

    /// A data age to the minute (`<1m`, `3m`, `1h05m`): the rows do not change every second as each
    /// fleet's polls come and go (what the terminal is sent stays near one fleet's).
    static func age(_ seconds: Int) -> String {
        seconds < 60 ? "<1m" : Format.duration(seconds / 60 * 60)
    }

    /// `1a 3/0 1b 0/3 1c 3/0` (healthy/unhealthy per zone), or without zone names when narrow.
    func renderHealth(_ zones: [FleetSummary.ZoneHealth], width: Int, x: Int, y: Int, style: (ThemeRole) -> Style,
                      into canvas: inout Canvas) {
        let named = zones.count * 7 - 1 <= width
        var cx = x
        let end = x + width
        for zone in zones {
            guard cx < end else { break }
            if named { cx += canvas.write(Format.shortZone(zone.zone) + " ", x: cx, y: y, style: style(.label), maxWidth: end - cx) }
            cx += canvas.write("\(zone.healthy)", x: cx, y: y, style: style(.healthy), maxWidth: end - cx)
            cx += canvas.write("/", x: cx, y: y, style: style(.label), maxWidth: end - cx)
            cx += canvas.write("\(zone.unhealthy) ", x: cx, y: y, style: style(zone.unhealthy > 0 ? .unhealthy : .label), maxWidth: end - cx)
        }
    }
}
