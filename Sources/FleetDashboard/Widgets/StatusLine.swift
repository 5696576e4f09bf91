import FleetCore

/// The bottom line: a failing source's error, or else the keys.
struct StatusLine: Widget {
    /// A failing source's error, `name: message`: shown before anything else.
    var error: String?
    var notice: String?
    /// The keys of the mode, `("+/-", "zoom")`.
    var hints: [(keys: String, label: String)]
    var theme: Theme

    func render(_ area: Rect, into canvas: inout Canvas) {
        let bgAttrs = theme.backgroundAttributes(.statusBg)
        let base = theme.style(.statusFg, on: .statusBg).adding(bgAttrs)
        canvas.fill(area, style: base)
        var x = area.x + 1
        if let error {
            let style = theme.style(.error, on: .statusBg).adding(bgAttrs)
            canvas.write(error, x: x, y: area.y, style: style, maxWidth: area.maxX - x - 1)
            return
        }
        if let notice {
            canvas.write(notice, x: x, y: area.y, style: theme.style(.warning, on: .statusBg).adding(bgAttrs),
                         maxWidth: area.maxX - x - 1)
            return
        }
        let keyStyle = theme.style(.keyHint, on: .statusBg).adding(bgAttrs)
        for (key, action) in hints {
            let need = key.count + action.count + 3
            if x + need > area.maxX { break }
            x += canvas.write(key, x: x, y: area.y, style: keyStyle)
            x += canvas.write(" \(action)  ", x: x, y: area.y, style: base)
        }
    }
}
