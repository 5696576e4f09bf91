extension OverviewState {
    /// A click or the wheel on the overview (with `--mouse`), hit-tested against what ``view()`` draws:
    /// a click on a fleet's row selects it, a double click opens it, the wheel moves the selection, and
    /// while replaying a click on the header's replay position seeks there (as in one fleet's header).
    /// Help closes on a click; the prompt and a too-small screen ignore the mouse.
    mutating func handle(_ mouse: MouseEvent) -> [DashboardEffect] {
        if dashboard.showHelp {
            if mouse.kind == .click || mouse.kind == .doubleClick { dashboard.showHelp = false }
            return []
        }
        guard !dashboard.isTooSmall, prompt == nil else { return [] }
        let shown = rows
        let row = selectedRow(in: shown)
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            guard let row else { return [] }
            let next = min(max(0, row + (mouse.kind == .wheelUp ? -1 : 1)), shown.count - 1)
            selected = shown[next]
            return []
        case .click, .doubleClick:
            break
        }
        if mouse.y == 0 {
            guard mouse.kind == .click, let span = headerReplaySpan(), span.contains(mouse.x) else { return [] }
            let fraction = span.count > 1 ? Double(mouse.x - span.lowerBound) / Double(span.count - 1) : 0
            return [.replay(.seek(fraction: fraction))]
        }
        // Rows start under the header and the table's column titles, and end above the status line.
        let line = mouse.y - 2
        let top = tableTop(selectedRow: row, count: shown.count)
        guard line >= 0, line < visibleRows, top + line < shown.count else { return [] }
        let index = shown[top + line]
        if mouse.kind == .doubleClick {
            open(index)
        } else {
            selected = index
        }
        return []
    }

    /// The first row of the table on screen: where it was (``scrollTop``), moved just enough to show the
    /// selected row, and never leaving empty lines below the last row while rows are hidden above.
    func tableTop(selectedRow row: Int?, count: Int) -> Int {
        guard let row else { return 0 }
        let top = min(max(scrollTop, row - visibleRows + 1), row)
        return max(0, min(top, count - visibleRows))
    }

    /// Keeps where the table is scrolled to after the selection, the filter or the screen moved.
    mutating func keepScroll() {
        guard opened == nil else { return }
        let shown = rows
        scrollTop = tableTop(selectedRow: selectedRow(in: shown), count: shown.count)
    }

    /// The columns of the header's replay position, when it is drawn.
    func headerReplaySpan() -> Range<Int>? {
        guard dashboard.replay != nil else { return nil }
        var scratch = Canvas(width: width, height: 1)
        return renderHeader(Rect(x: 0, y: 0, width: width, height: 1), shown: rows.count, into: &scratch)
    }
}
