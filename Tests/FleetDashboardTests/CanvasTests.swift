@testable import FleetDashboard
import Testing

@Suite("Canvas and text safety")
struct CanvasTests {
    @Test("writes clip to the canvas and to maxWidth")
    func clipping() {
        var c = Canvas(width: 10, height: 2)
        #expect(c.write("hello world", x: 3, y: 0, style: .plain) == 7)
        #expect(c.write("abc", x: 0, y: 1, style: .plain, maxWidth: 2) == 2)
        #expect(c.write("zzz", x: 0, y: 5, style: .plain) == 0)
        #expect(c.lines == ["   hello w", "ab        "])
    }

    @Test("control characters and escape sequences are dropped; wide ones become ?", arguments: [
        ("a\u{1B}[31mb", "a[31mb"),
        ("tab\there", "tabhere"),
        ("bell\u{07}\u{9B}x", "bellx"),
        ("日本", "??"),
        ("e\u{301}", "e"),
        ("plain ✓ ⣿", "plain ✓ ⣿"),
    ])
    func sanitize(input: String, expected: String) {
        #expect(SafeText.sanitize(input) == expected)
    }

    @Test("rect splits cover the area exactly")
    func rects() {
        let r = Rect(x: 0, y: 0, width: 101, height: 31)
        let cols = r.columns(3)
        #expect(cols.map(\.width).reduce(0, +) == 101)
        #expect(cols.last?.maxX == 101)
        let rows = r.rows(2)
        #expect(rows.map(\.height) == [15, 16])
    }

    @Test("braille glyphs map dots the Unicode way")
    func braille() {
        #expect(GlyphSet.braille.glyph(bits: 0) == "\u{2800}")
        #expect(GlyphSet.braille.glyph(bits: 0xFF) == "⣿")
        #expect(GlyphSet.braille.glyph(bits: 1) == "⠁")      // top-left
        #expect(GlyphSet.braille.glyph(bits: 1 << 7) == "⢀") // bottom-right
        #expect(GlyphSet.block.glyph(bits: 3) == "█")
        #expect(GlyphSet.ascii.glyph(bits: 4) == ".")
    }
}
