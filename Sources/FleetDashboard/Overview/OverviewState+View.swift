import FleetCore
import Foundation

extension OverviewState {
    /// Draws the whole frame: the opened fleet's dashboard, or the overview. Pure.
    public func view() -> Canvas {
        var none: OverviewFrame?
        return view(reusing: &none)
    }

    /// ``view()``, starting from the frame drawn last (`frame`, nil for none): table lines whose
    /// content is what they show already are kept, not drawn again, and `frame` becomes this frame.
    /// The canvas is the one ``view()`` draws (tested); the help overlay and the opened fleet's
    /// dashboard are drawn whole (and leave `frame` nil).
    public func view(reusing frame: inout OverviewFrame?) -> Canvas {
        let kept = frame
        frame = nil
        if opened != nil { return dashboard.view() }
        let theme = dashboard.theme
        let look = dashboard.look
        let blank = Cell(" ", style: theme.style(.mainFg))
        var canvas: Canvas
        var drawn: [OverviewTable.RowKey?] = []
        if let kept, kept.canvas.width == width, kept.canvas.height == height, kept.look == look {
            canvas = kept.canvas
            drawn = kept.lines
        } else {
            canvas = Canvas(width: width, height: height, fill: blank)
        }
        guard !dashboard.isTooSmall else {
            canvas = Canvas(width: width, height: height, fill: blank)
            dashboard.tooSmallScreen.render(canvas.bounds, into: &canvas)
            return canvas
        }
        let screen = canvas.bounds
        let (header, rest) = screen.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        let order = rowOrder(reusing: kept?.order)
        let shown = order.rows
        let row = selectedRow(in: shown)
        // The lines drawn whole every frame start blank, as on a new canvas.
        canvas.fill(header, char: " ", style: blank.style)
        canvas.fill(status, char: " ", style: blank.style)
        renderHeader(header, shown: shown.count, into: &canvas)
        let visible = max(1, body.height - 1)
        let top = tableTop(selectedRow: row, count: shown.count)
        let matcher = FleetFilter(filter)
        // Only the rows on screen are handed to the table (copying every row would cost more than drawing).
        let onScreen = shown[top..<min(shown.count, top + visible)]
        let table = OverviewTable(rows: onScreen.map { summaries[$0] }, selected: row.map { $0 - top }, top: 0, now: now, look: look,
                                  emptyText: fleets.isEmpty ? "no fleet: discover: found none (it looks again on its schedule)"
                                      : matcher.problem.map { "\(filter): \($0)" } ?? "no fleet matches the filter \(filter)")
        let lines = table.render(body, into: &canvas, over: drawn, blank: blank)
        if prompt != nil {
            renderPrompt(status, into: &canvas)
        } else {
            StatusLine(error: nil, notice: dashboard.notice, hints: dashboard.keyMap.overviewStatusHints(replaying: dashboard.replay != nil),
                       theme: theme)
                .render(status, into: &canvas)
        }
        if dashboard.showHelp {
            HelpOverlay(lines: dashboard.keyMap.helpRows(for: .overview)
                            + (dashboard.replay != nil ? dashboard.keyMap.overviewReplayHelpRows : [])
                            + dashboard.keyMap.helpRows(for: .prompt),
                        look: dashboard.look).render(body, into: &canvas)
            return canvas
        }
        frame = OverviewFrame(canvas: canvas, look: look, lines: lines, order: order)
        return canvas
    }

    /// ` fleetwatch  40 fleets │ 2 ALARM │ 3 with unhealthy hosts │ 1 stale │ filter: eu` and the clock.
    /// Returns the columns of the replay position (`replay 00:42:10 / 01:00:00 ×60`) when it is drawn.
    @discardableResult
    func renderHeader(_ area: Rect, shown: Int, into canvas: inout Canvas) -> Range<Int>? {
        let theme = dashboard.theme
        let bgAttrs = theme.backgroundAttributes(.headerBg)
        let base = theme.style(.headerFg, on: .headerBg).adding(bgAttrs)
        canvas.fill(area, style: base)
        // Counted in place: filtering would copy every row.
        var alarms = 0, unhealthy = 0, stale = 0
        var newest: Date?
        summaries.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                if rows[i].worstAlarm == .alarm { alarms += 1 }
                if rows[i].unhealthy > 0 { unhealthy += 1 }
                if rows[i].isStale { stale += 1 }
                if newest.map({ rows[i].time > $0 }) ?? true { newest = rows[i].time }
            }
        }
        var parts: [(String, Style)] = [
            (" fleetwatch ", theme.style(.title, on: .headerBg).adding(bgAttrs)),
            (shown == fleets.count ? "\(fleets.count) fleets" : "\(shown) of \(fleets.count) fleets", base),
        ]
        if let modeLabel = dashboard.modeLabel { parts.append((modeLabel, theme.style(.keyHint, on: .headerBg).adding(bgAttrs))) }
        if alarms > 0 { parts.append(("\(alarms) in ALARM", theme.style(.error, on: .headerBg).adding(bgAttrs.union(.bold)))) }
        if unhealthy > 0 { parts.append(("\(unhealthy) with unhealthy hosts", theme.style(.warning, on: .headerBg).adding(bgAttrs))) }
        if stale > 0 { parts.append(("\(stale) stale", theme.style(.warning, on: .headerBg).adding(bgAttrs))) }
        if !filter.isEmpty { parts.append(("filter \(filter)", theme.style(.keyHint, on: .headerBg).adding(bgAttrs))) }
        // Replaying, the replay's position is kept on screen: counts that would cover it are left out.
        let reserved = dashboard.replay == nil ? 0 : (HeaderBar.rightCandidates(
            time: now, replay: dashboard.replay, paused: dashboard.replay?.paused ?? false).last?.count ?? 0) + 2
        var x = area.x
        for (i, (text, style)) in parts.enumerated() {
            if i > 1, reserved > 0, x + 3 + text.count > area.maxX - reserved { continue }
            if i > 1 { x += canvas.write(dashboard.glyphs == .ascii ? " | " : " │ ", x: x, y: area.y, style: base, maxWidth: area.maxX - x) }
            x += canvas.write(text, x: x, y: area.y, style: style, maxWidth: area.maxX - x)
        }
        // Replaying: the replay's position, speed and pause, as the single-fleet header shows them.
        guard let right = HeaderBar.rightText(time: newest ?? now, replay: dashboard.replay,
                                              paused: dashboard.replay?.paused ?? false, from: x, in: area) else { return nil }
        canvas.write(right, x: area.maxX - right.count, y: area.y, style: base)
        guard let label = dashboard.replay?.label, let found = right.range(of: label) else { return nil }
        let start = area.maxX - right.count + right.distance(from: right.startIndex, to: found.lowerBound)
        return start..<start + label.count
    }

    /// The prompt line: `/` and the filter, or `:` and the name, a cursor, and what Tab found.
    func renderPrompt(_ area: Rect, into canvas: inout Canvas) {
        let theme = dashboard.theme
        let bgAttrs = theme.backgroundAttributes(.statusBg)
        let base = theme.style(.statusFg, on: .statusBg).adding(bgAttrs)
        let keyStyle = theme.style(.keyHint, on: .statusBg).adding(bgAttrs)
        canvas.fill(area, style: base)
        var x = area.x + 1
        let lead: String
        var after = ""
        switch prompt {
        case .filter:
            lead = "filter (text or /regex/): "
            if let problem = FleetFilter(promptText).problem { after = "  " + problem }
        case .jump(let candidates):
            lead = "fleet: "
            if !candidates.isEmpty {
                after = "  " + candidates.prefix(8).joined(separator: " ") + (candidates.count > 8 ? " …+\(candidates.count - 8)" : "")
            } else if !promptText.isEmpty, completions(of: promptText).isEmpty {
                after = "  no fleet matches"
            }
        case nil:
            return
        }
        x += canvas.write(lead, x: x, y: area.y, style: keyStyle, maxWidth: area.maxX - x)
        x += canvas.write(promptText, x: x, y: area.y, style: base, maxWidth: area.maxX - x)
        x += canvas.write(dashboard.glyphs == .ascii ? "_" : "▏", x: x, y: area.y, style: keyStyle, maxWidth: area.maxX - x)
        canvas.write(after, x: x, y: area.y, style: theme.style(.label, on: .statusBg).adding(bgAttrs), maxWidth: area.maxX - x - 1)
    }
}
