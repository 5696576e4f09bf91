import FleetCore
import Foundation

extension OverviewTable {
    /// Everything a table line shows: the row's fields that ``renderRow(_:columns:selected:area:styles:into:)``
    /// draws (not its clock or its sources' times, which move every second), its data age as shown
    /// (whole minutes) and in which colour, and its selection. Equal keys draw equal lines.
    struct RowKey: Equatable, Sendable {
        var name: String
        var region: String
        var account: String?
        var worstAlarm: AlarmState?
        var alarmJustRaised: Bool
        var zones: [FleetSummary.ZoneHealth]
        var cpu: Double?
        var cpuSpark: [Double?]
        var requestsPerMinute: Double?
        var requestsSpark: [Double?]
        var fiveXXRate: Double?
        /// ``OverviewTable/age(_:)`` depends on the whole minutes only.
        var ageMinutes: Int?
        var ageRole: ThemeRole
        var selected: Bool

        init(_ row: FleetSummary, now: Date, selected: Bool) {
            name = row.name
            region = row.region
            account = row.account
            worstAlarm = row.worstAlarm
            alarmJustRaised = row.alarmJustRaised
            zones = row.zones
            cpu = row.cpu
            cpuSpark = row.cpuSpark
            requestsPerMinute = row.requestsPerMinute
            requestsSpark = row.requestsSpark
            fiveXXRate = row.fiveXXRate
            ageMinutes = row.dataAge(at: now).map { $0 < 60 ? 0 : $0 / 60 }
            ageRole = OverviewTable.ageRole(row)
            self.selected = selected
        }
    }

    /// Draws the table as ``render(_:into:)`` does onto a canvas whose lines below the titles show
    /// `drawn` (a key per line, as this returns; empty: unknown) on a `blank` background: a line whose
    /// key is unchanged is left as it is, any other is blanked and drawn. Returns the keys now shown.
    func render(_ area: Rect, into canvas: inout Canvas, over drawn: [RowKey?], blank: Cell) -> [RowKey?] {
        guard area.height > 0 else { return [] }
        let theme = look.theme
        let columns = Columns(width: area.width)
        canvas.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), char: blank.char, style: blank.style)
        renderTitles(area, columns: columns, into: &canvas)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if rows.isEmpty {
            canvas.fill(body, char: blank.char, style: blank.style)
            canvas.write(emptyText, x: body.x + Columns.mark, y: body.y, style: theme.style(.label), maxWidth: body.width - Columns.mark)
            return []  // unknown: every line is drawn again next time
        }
        var styles: RowStyles?
        var lines: [RowKey?] = []
        lines.reserveCapacity(body.height)
        // Rows and keys are read where they lie: an array's subscript would copy a whole row or key.
        rows.withUnsafeBufferPointer { rows in
            drawn.withUnsafeBufferPointer { drawn in
                for line in 0..<body.height {
                    let index = top + line
                    let isRow = index < rows.count
                    let key = isRow ? RowKey(rows[index], now: now, selected: index == selected) : nil
                    let same = line < drawn.count && drawn[line] == key
                    lines.append(key)
                    if same { continue }
                    let area = Rect(x: body.x, y: body.y + line, width: body.width, height: 1)
                    canvas.fill(area, char: blank.char, style: blank.style)
                    guard isRow else { continue }
                    if styles == nil { styles = RowStyles(theme) }
                    renderRow(rows[index], columns: columns, selected: index == selected, area: area, styles: styles!, into: &canvas)
                }
            }
        }
        return lines
    }
}
