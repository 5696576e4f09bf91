/// A bordered panel with a title in its top edge.
struct Box: Widget {
    var title: [(text: String, style: Style)]
    var focused: Bool
    var look: Look
    /// The style the box is filled with; the theme's main style when nil.
    var fill: Style? = nil

    func render(_ area: Rect, into canvas: inout Canvas) {
        frame(area, into: &canvas)
    }

    /// Draws the box and returns the area inside it.
    @discardableResult
    func frame(_ area: Rect, into canvas: inout Canvas) -> Rect {
        let theme = look.theme, glyphs = look.glyphs
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        var border = theme.style(focused ? .focusBorder : .border)
        if let fill { border.bg = fill.bg }
        let f = glyphs.frame
        canvas.fill(area, style: fill ?? theme.style(.mainFg))
        for x in area.x + 1..<area.maxX - 1 {
            canvas.put(f.h, x: x, y: area.y, style: border)
            canvas.put(f.h, x: x, y: area.maxY - 1, style: border)
        }
        for y in area.y + 1..<area.maxY - 1 {
            canvas.put(f.v, x: area.x, y: y, style: border)
            canvas.put(f.v, x: area.maxX - 1, y: y, style: border)
        }
        canvas.put(f.tl, x: area.x, y: area.y, style: border)
        canvas.put(f.tr, x: area.maxX - 1, y: area.y, style: border)
        canvas.put(f.bl, x: area.x, y: area.maxY - 1, style: border)
        canvas.put(f.br, x: area.maxX - 1, y: area.maxY - 1, style: border)
        // Title: " part part part " from column 2, clipped before the right corner.
        var x = area.x + 2
        let limit = area.maxX - 2
        if !title.isEmpty, x < limit {
            canvas.put(" ", x: x, y: area.y, style: border)
            x += 1
            for (i, part) in title.enumerated() {
                let text = i == 0 ? part.text : "  " + part.text
                x += canvas.write(text, x: x, y: area.y, style: part.style, maxWidth: limit - x)
                if x >= limit { break }
            }
            if x < limit { canvas.put(" ", x: x, y: area.y, style: border) }
        }
        return area.inset(1)
    }
}
