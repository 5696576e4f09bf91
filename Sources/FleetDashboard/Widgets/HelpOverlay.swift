/// The `?` overlay: every key of the mode under it and what it does.
struct HelpOverlay: Widget {
    /// The rows: keys as help writes them, and what they do (``KeyMap/helpRows(for:)``).
    var lines: [(keys: String, text: String)]

    var look: Look

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = look.theme
        let keyWidth = lines.map(\.keys.count).max() ?? 0
        let textWidth = lines.map(\.text.count).max() ?? 0
        let box = area.centered(width: keyWidth + textWidth + 7, height: lines.count + 4)
        let bgAttrs = theme.backgroundAttributes(.helpBg)
        let base = theme.style(.helpFg, on: .helpBg).adding(bgAttrs)
        let titleStyle = theme.style(.title, on: .helpBg).adding(bgAttrs)
        let inner = Box(title: [("Help", titleStyle), ("any key closes", base)], focused: true, look: look, fill: base)
            .frame(box, into: &canvas)
        for (i, (key, text)) in lines.enumerated() where i + 1 < inner.height {
            canvas.write(key, x: inner.x + 1, y: inner.y + 1 + i, style: theme.style(.keyHint, on: .helpBg).adding(bgAttrs))
            canvas.write(text, x: inner.x + 3 + keyWidth, y: inner.y + 1 + i, style: base, maxWidth: inner.maxX - inner.x - 3 - keyWidth)
        }
    }
}
