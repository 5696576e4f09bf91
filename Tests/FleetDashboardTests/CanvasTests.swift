import FleetCore
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

@Suite("Frame diff")
struct CanvasDiffTests {
    func runs(_ old: Canvas?, _ new: Canvas) -> [[Int]] {
        var out: [[Int]] = []
        CanvasDiff.forEachChangedRun(from: old, to: new, columns: new.width, rows: new.height) { out.append([$0, $1, $2]) }
        return out
    }

    @Test("an unchanged frame has no runs: nothing is written")
    func unchanged() {
        let frame = Fixtures.dashboard(width: 200, height: 60).view()
        #expect(runs(frame, frame).isEmpty)
        #expect(CanvasDiff.forEachChangedRun(from: frame, to: frame, columns: 200, rows: 60) { _, _, _ in } == 0)
    }

    @Test("changed cells come as runs per row; a style change counts")
    func runsPerRow() {
        var a = Canvas(width: 10, height: 3)
        a.write("hello", x: 0, y: 0, style: .plain)
        var b = a
        b.write("HEL", x: 0, y: 0, style: .plain)
        b.write("x", x: 9, y: 2, style: .plain)
        b.restyle(x: 5, y: 1) { $0.adding(.bold) }
        #expect(runs(a, b) == [[0, 0, 3], [1, 5, 1], [2, 9, 1]])
    }

    @Test("no previous frame, or one of another size: every cell is written, clipped to the terminal")
    func full() {
        let b = Canvas(width: 4, height: 2)
        #expect(runs(nil, b) == [[0, 0, 4], [1, 0, 4]])
        #expect(runs(Canvas(width: 3, height: 2), b) == [[0, 0, 4], [1, 0, 4]])
        #expect(CanvasDiff.forEachChangedRun(from: nil, to: b, columns: 2, rows: 1) { _, _, _ in } == 2)
    }
}
