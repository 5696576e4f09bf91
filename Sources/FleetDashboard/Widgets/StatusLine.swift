import FleetCore

/// The bottom line: a failing source's error, or else the keys.
struct StatusLine {
    var state: DashboardState

    static let keys: [(String, String)] = [
        ("q", "quit"), ("?", "help"), ("p", "pause"), ("+/-", "zoom"), ("Tab", "focus"),
        ("⏎", "full screen"), ("a", "alarm preview"), ("t", "theme"), ("g", "glyphs"), ("s", "stack"),
    ]

    /// While replaying: the replay keys first.
    static let replayKeys: [(String, String)] = [
        ("q", "quit"), ("?", "help"), ("space", "pause"), ("[ ]", "speed"), ("← →", "seek"),
        ("Home/End", "start/end"), ("+/-", "zoom"), ("Tab", "focus"), ("⏎", "full screen"),
    ]

    func render(into canvas: inout Canvas, area: Rect, theme: Theme) {
        let bgAttrs = theme.backgroundAttributes(.statusBg)
        let base = theme.style(.statusFg, on: .statusBg).adding(bgAttrs)
        canvas.fill(area, style: base)
        var x = area.x + 1
        if let failing = state.fleet.sources.first(where: { $0.health == .error }), let error = failing.lastError {
            let style = theme.style(.error, on: .statusBg).adding(bgAttrs)
            canvas.write("\(failing.name): \(error)", x: x, y: area.y, style: style, maxWidth: area.maxX - x - 1)
            return
        }
        if let notice = state.notices.last {
            canvas.write(notice, x: x, y: area.y, style: theme.style(.warning, on: .statusBg).adding(bgAttrs),
                         maxWidth: area.maxX - x - 1)
            return
        }
        let keyStyle = theme.style(.keyHint, on: .statusBg).adding(bgAttrs)
        for (key, action) in state.replay == nil ? Self.keys : Self.replayKeys {
            let need = key.count + action.count + 3
            if x + need > area.maxX { break }
            x += canvas.write(key, x: x, y: area.y, style: keyStyle)
            x += canvas.write(" \(action)  ", x: x, y: area.y, style: base)
        }
    }
}
