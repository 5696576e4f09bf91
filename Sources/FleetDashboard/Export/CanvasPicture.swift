/// A frame as a picture for tickets, wikis and pull requests: the very `Canvas` the terminal
/// draws, as SVG or as an HTML page, in the theme's colours (``PictureColors``), on a fixed grid of
/// ``cellWidth`` × ``cellHeight`` pixels so braille and box-drawing characters line up.
///
/// Runs of cells that share a style become one `<text>` (with one x per character, so the grid holds
/// whatever font the viewer substitutes) and runs of one background one `<rect>`; styles are CSS
/// classes. Text from data is escaped by ``MarkupWriter``. The output depends only on the canvas
/// and the colours: the same frame gives the same bytes.
public struct CanvasPicture: Sendable {
    public static let cellWidth = 9
    public static let cellHeight = 18
    public static let fontSize = 15
    /// The baseline, from the top of a cell.
    static let baseline = 14
    /// Monospace fonts that draw braille and box drawing, then the platform's own.
    public static let fontStack = "ui-monospace, 'DejaVu Sans Mono', 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace"

    public var canvas: Canvas
    public var colors: PictureColors
    /// The picture's title (`<title>`), e.g. the fleet and the time.
    public var title: String

    public init(canvas: Canvas, colors: PictureColors, title: String = "fleetwatch") {
        self.canvas = canvas
        self.colors = colors
        self.title = title
    }

    /// How a run of text looks: colour and attributes (the background is drawn apart).
    struct TextLook: Hashable {
        var fg: RGB
        var attributes: TextAttributes
    }

    /// Class names in order of first use: deterministic.
    struct Classes<Key: Hashable> {
        var names: [Key: Int] = [:]
        var order: [Key] = []
        mutating func index(_ key: Key) -> Int {
            if let i = names[key] { return i }
            names[key] = order.count
            order.append(key)
            return order.count - 1
        }
    }

    /// Characters the monospace fonts of ``fontStack`` draw at their one advance: all but braille
    /// (DejaVu Sans Mono, for one, has none: it comes from a proportional fallback font) and the
    /// wide scripts from U+2E80 on (which the canvas never holds: `SafeText` makes them `?`).
    @inline(__always)
    static func inMonospaceFonts(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x2800 || (c.value > 0x28FF && c.value < 0x2E80)
    }

    // MARK: SVG

    /// The frame as a standalone SVG document.
    public func svg() -> String {
        let cw = Self.cellWidth, ch = Self.cellHeight
        let width = canvas.width * cw, height = canvas.height * ch
        var body = MarkupWriter(capacity: canvas.width * canvas.height * 8)
        backgroundRects(into: &body)
        var classes = Classes<TextLook>()
        let cells = canvas.cells
        for y in 0..<canvas.height {
            let row = y * canvas.width
            var x = 0
            var lastStyle: Style?
            var lastLook = TextLook(fg: colors.foreground, attributes: [])
            func look(_ style: Style) -> TextLook {
                if style == lastStyle { return lastLook }
                lastStyle = style
                lastLook = TextLook(fg: colors.resolve(style).fg,
                                    attributes: style.attributes.intersection([.bold, .dim, .underline]))
                return lastLook
            }
            while x < canvas.width {
                let cell = cells[row + x]
                if cell.char == " " && !cell.style.attributes.contains(.underline) { x += 1; continue }
                let runLook = look(cell.style)
                var end = x + 1
                // Extend over cells of the same look, and over single spaces between them.
                while end < canvas.width {
                    let next = cells[row + end]
                    if next.char != " " || next.style.attributes.contains(.underline) {
                        if look(next.style) == runLook { end += 1; continue }
                        break
                    }
                    if end + 1 < canvas.width, cells[row + end + 1].char != " ", look(cells[row + end + 1].style) == runLook {
                        end += 2
                        continue
                    }
                    break
                }
                body.raw("<text class=\"t")
                body.int(classes.index(runLook))
                body.raw("\" y=\"")
                body.int(y * ch + Self.baseline)
                if (x..<end).allSatisfy({ Self.inMonospaceFonts(cells[row + $0].char) }) {
                    // One x per character: the grid holds whatever the font's advance.
                    body.raw("\" x=\"")
                    for i in x..<end {
                        if i > x { body.raw(" ") }
                        body.int(i * cw)
                    }
                    body.raw("\">")
                    for i in x..<end { body.scalar(cells[row + i].char) }
                } else {
                    // Braille and the like come from a fallback font of another width, and some
                    // renderers (librsvg) take only the first of several x values: a tspan each.
                    body.raw("\">")
                    for i in x..<end {
                        body.raw("<tspan x=\"")
                        body.int(i * cw)
                        body.raw("\">")
                        body.scalar(cells[row + i].char)
                        body.raw("</tspan>")
                    }
                }
                body.raw("</text>\n")
                x = end
            }
        }

        var out = MarkupWriter(capacity: body.bytes.count + 2048)
        out.svgStart(width: width, height: height, fontFamily: Self.fontStack, fontSize: Self.fontSize, preserveSpace: true)
        out.raw("<title>")
        out.text(title)
        out.raw("</title>\n<style>\ntext{white-space:pre}\nrect{shape-rendering:crispEdges}\n")
        for (i, look) in classes.order.enumerated() {
            out.raw(".t")
            out.int(i)
            out.raw("{fill:")
            out.markup(look.fg.hex)
            out.cssAttributes(look.attributes, dimProperty: "fill-opacity")
            out.raw("}\n")
        }
        out.raw("</style>\n")
        out.pageRect(width: width, height: height, color: colors.background)
        out.append(body)
        out.raw("</svg>\n")
        return out.string
    }

    /// One `<rect>` per run of cells on a row with the same background (other than the page's),
    /// runs of the same place and colour on consecutive rows merged into one.
    func backgroundRects(into out: inout MarkupWriter) {
        struct Run: Hashable { var x: Int; var width: Int; var color: RGB }
        var open: [Run: Int] = [:]      // run → first row
        var order: [Run] = []
        func close(_ run: Run, through lastRow: Int) {
            guard let top = open[run] else { return }
            out.raw("<rect x=\"")
            out.int(run.x * Self.cellWidth)
            out.raw("\" y=\"")
            out.int(top * Self.cellHeight)
            out.raw("\" width=\"")
            out.int(run.width * Self.cellWidth)
            out.raw("\" height=\"")
            out.int((lastRow - top + 1) * Self.cellHeight)
            out.raw("\" fill=\"")
            out.markup(run.color.hex)
            out.raw("\"/>\n")
        }
        let cells = canvas.cells
        for y in 0..<canvas.height {
            var rowRuns: [Run] = []
            let row = y * canvas.width
            var x = 0
            var lastStyle: Style?
            var lastBg = colors.background
            while x < canvas.width {
                let style = cells[row + x].style
                if style != lastStyle { lastStyle = style; lastBg = colors.resolve(style).bg }
                let bg = lastBg
                var end = x + 1
                while end < canvas.width {
                    let s = cells[row + end].style
                    if s != lastStyle { lastStyle = s; lastBg = colors.resolve(s).bg }
                    if lastBg != bg { break }
                    end += 1
                }
                if bg != colors.background { rowRuns.append(Run(x: x, width: end - x, color: bg)) }
                x = end
            }
            let continuing = Set(rowRuns)
            for run in order where !continuing.contains(run) { close(run, through: y - 1); open[run] = nil }
            order.removeAll { open[$0] == nil }
            for run in rowRuns where open[run] == nil { open[run] = y; order.append(run) }
        }
        for run in order { close(run, through: canvas.height - 1) }
    }

    // MARK: HTML

    /// The frame as an HTML page: one `<pre>`, a `<span>` per run of one style.
    public func html() -> String {
        struct Look: Hashable { var fg: RGB; var bg: RGB; var attributes: TextAttributes }
        var classes = Classes<Look>()
        let plain = Look(fg: colors.foreground, bg: colors.background, attributes: [])
        var body = MarkupWriter(capacity: canvas.width * canvas.height * 2)
        let cells = canvas.cells
        for y in 0..<canvas.height {
            let row = y * canvas.width
            var x = 0
            while x < canvas.width {
                let style = cells[row + x].style
                let (fg, bg) = colors.resolve(style)
                let look = Look(fg: fg, bg: bg, attributes: style.attributes.intersection([.bold, .dim, .underline]))
                var end = x + 1
                while end < canvas.width, cells[row + end].style == style { end += 1 }
                while end < canvas.width {
                    let s = cells[row + end].style
                    let (f, b) = colors.resolve(s)
                    guard Look(fg: f, bg: b, attributes: s.attributes.intersection([.bold, .dim, .underline])) == look else { break }
                    end += 1
                }
                if look != plain {
                    body.raw("<span class=\"s")
                    body.int(classes.index(look))
                    body.raw("\">")
                }
                for i in x..<end { body.scalar(cells[row + i].char) }
                if look != plain { body.raw("</span>") }
                x = end
            }
            body.raw("\n")
        }
        var out = MarkupWriter(capacity: body.bytes.count + 2048)
        out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
        out.text(title)
        out.raw("</title>\n<style>\nbody{margin:0;background:")
        out.markup(colors.background.hex)
        out.raw("}\npre.fleetwatch{margin:0;padding:0;color:")
        out.markup(colors.foreground.hex)
        out.raw(";background:")
        out.markup(colors.background.hex)
        out.raw(";font-family:")
        out.markup(Self.fontStack)
        out.raw(";font-size:")
        out.int(Self.fontSize)
        out.raw("px;line-height:")
        out.int(Self.cellHeight)
        out.raw("px;font-variant-ligatures:none}\n")
        for (i, look) in classes.order.enumerated() {
            out.raw(".s")
            out.int(i)
            out.raw("{color:")
            out.markup(look.fg.hex)
            if look.bg != colors.background {
                out.raw(";background:")
                out.markup(look.bg.hex)
            }
            out.cssAttributes(look.attributes, dimProperty: "opacity")
            out.raw("}\n")
        }
        out.raw("</style>\n</head>\n<body>\n<pre class=\"fleetwatch\">")
        out.append(body)
        out.raw("</pre>\n</body>\n</html>\n")
        return out.string
    }
}
