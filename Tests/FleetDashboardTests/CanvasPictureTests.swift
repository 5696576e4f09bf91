import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("Frames as SVG and HTML pictures")
struct CanvasPictureTests {
    let theme = BuiltinThemes.all[0]

    func picture(_ canvas: Canvas) -> CanvasPicture {
        CanvasPicture(canvas: canvas, colors: PictureColors(theme: theme), title: "test")
    }

    @Test("the dashboard's frame is well-formed SVG: every row's text is the terminal's, on the cell grid")
    func wellFormed() throws {
        let state = Fixtures.dashboard(width: 160, height: 48)
        let canvas = state.view()
        let doc = PictureXML.parse(picture(canvas).svg())
        #expect(doc.error == nil)
        let svg = try #require(doc.elements.first)
        #expect(svg.name == "svg" && svg.attributes["width"] == "1440" && svg.attributes["height"] == "864")
        // Put every text element's characters back on a grid: it must give the canvas's lines.
        var grid = Array(repeating: Array(repeating: Character(" "), count: canvas.width), count: canvas.height)
        for (i, text) in doc.elements.enumerated() where text.name == "text" {
            let row = (Int(try #require(text.attributes["y"]))! - 14) / 18
            let chars = Array(text.text)
            // One x per character, or (braille) a tspan with its own x per character.
            var xs = (text.attributes["x"] ?? "").split(separator: " ").map { Int($0)! }
            if xs.isEmpty {
                xs = doc.elements[(i + 1)...].prefix { $0.name == "tspan" }.map { Int($0.attributes["x"]!)! }
            }
            #expect(xs.count == chars.count)
            for (x, c) in zip(xs, chars) { grid[row][x / 9] = c }
        }
        #expect(grid.map { String($0) } == canvas.lines)
    }

    @Test("runs of one style are one element: far fewer elements than cells; under 300 KB at 200×60")
    func merged() {
        let canvas = Fixtures.dashboard(width: 200, height: 60).view()
        let svg = picture(canvas).svg()
        let texts = svg.components(separatedBy: "<text ").count - 1
        #expect(texts > 0 && texts < canvas.width * canvas.height / 10)
        #expect(svg.utf8.count < 300_000)
        #expect(svg == picture(canvas).svg(), "deterministic")
    }

    @Test("colours are the theme's: ALARM badge background, healthy text, the page")
    func colours() throws {
        let canvas = Fixtures.dashboard(width: 160, height: 48).view()
        let svg = picture(canvas).svg()
        // alarm_alarm is "#f38ba8 bold reverse": the badge's background is the colour.
        #expect(svg.contains("fill=\"#f38ba8\"/>"))
        #expect(svg.contains("{fill:#a6e3a1}"))         // healthy
        #expect(svg.contains("<rect width=\"1440\" height=\"864\" fill=\"#1e1e2e\"/>"))
        let light = try #require(BuiltinThemes.all.first { $0.name == "light" })
        let lightSVG = CanvasPicture(canvas: canvas, colors: PictureColors(theme: light)).svg()
        #expect(lightSVG.contains("fill=\"#eff1f5\"/>"))
    }

    @Test("hostile text: markup, ampersands, quotes and control characters are escaped or shown")
    func hostile() throws {
        var canvas = Canvas(width: 40, height: 2)
        let hostile = "<script>alert(\"x\")</script>&'"
        canvas.write(hostile, x: 0, y: 0, style: theme.style(.mainFg))
        // `put` does not sanitise: a control character reaching a cell must still make valid XML.
        canvas.put("\u{1B}", x: 0, y: 1, style: theme.style(.mainFg))
        canvas.put("\u{0}", x: 1, y: 1, style: theme.style(.mainFg))
        canvas.put("a", x: 2, y: 1, style: theme.style(.mainFg))
        let svg = picture(canvas).svg()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        let doc = PictureXML.parse(svg)
        #expect(doc.error == nil)
        #expect(doc.named("text").map(\.text) == [hostile, "\u{241B}\u{2400}a"])
        let html = picture(canvas).html()
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;"))
        #expect(PictureXML.parse(html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")).error == nil)
    }

    @Test("HTML: one pre, a span per run of a style, classes with the theme's colours")
    func html() throws {
        let canvas = Fixtures.dashboard(width: 120, height: 30).view()
        let html = picture(canvas).html()
        let doc = PictureXML.parse(html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: ""))
        #expect(doc.error == nil)
        let pre = try #require(doc.named("pre").first)
        #expect(pre.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == canvas.lines)
        #expect(html.contains("background:#f38ba8"))
    }
}
