/// The `?` overlay: every key and what it does.
struct HelpOverlay {
    static let lines: [(String, String)] = [
        ("q, Ctrl-C", "quit"),
        ("?", "show or hide this help"),
        ("p, space", "pause or resume updates"),
        ("+ / -", "zoom the time window in / out (15m … 24h)"),
        ("Tab, arrows", "move focus between panels"),
        ("Enter / Esc", "focused panel full screen / back"),
        ("s", "requests: split or stacked by AZ"),
        ("a", "alarm threshold preview: what if the alarm were…"),
        ("t", "next theme"),
        ("g", "next chart glyphs (braille, block, ascii)"),
    ]

    /// Replaying a recording, these replace the pause line and the arrows.
    static let replayLines: [(String, String)] = [
        ("q, Ctrl-C", "quit"),
        ("?", "show or hide this help"),
        ("space, p", "pause or resume the replay"),
        ("[ / ]", "slower / faster (×1 … ×600)"),
        ("← / →", "seek back / forward (1 min × speed/10)"),
        ("Home / End", "start / end of the recording"),
        ("+ / -", "zoom the time window in / out (15m … 24h)"),
        ("Tab, ↑ ↓", "move focus between panels"),
        ("Enter / Esc", "focused panel full screen / back"),
        ("s", "requests: split or stacked by AZ"),
        ("t", "next theme"),
        ("g", "next chart glyphs (braille, block, ascii)"),
    ]

    var replay = false

    func render(into canvas: inout Canvas, area: Rect, theme: Theme, glyphs: GlyphSet) {
        let lines = replay ? Self.replayLines : Self.lines
        let keyWidth = lines.map(\.0.count).max() ?? 0
        let textWidth = lines.map(\.1.count).max() ?? 0
        let box = area.centered(width: keyWidth + textWidth + 7, height: lines.count + 4)
        let bgAttrs = theme.backgroundAttributes(.helpBg)
        let base = theme.style(.helpFg, on: .helpBg).adding(bgAttrs)
        let titleStyle = theme.style(.title, on: .helpBg).adding(bgAttrs)
        let inner = Box(title: [("Help", titleStyle), ("any key closes", base)], focused: true, fill: base)
            .render(into: &canvas, area: box, theme: theme, glyphs: glyphs)
        for (i, (key, text)) in lines.enumerated() where i + 1 < inner.height {
            canvas.write(key, x: inner.x + 1, y: inner.y + 1 + i, style: theme.style(.keyHint, on: .helpBg).adding(bgAttrs))
            canvas.write(text, x: inner.x + 3 + keyWidth, y: inner.y + 1 + i, style: base, maxWidth: inner.maxX - inner.x - 3 - keyWidth)
        }
    }
}
