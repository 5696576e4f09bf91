import Foundation

/// A one-line chart: one cell per value, its height one of eight levels (`▁`…`█`, or ASCII), blank
/// where there is no value. The newest values are kept when the area is narrower than the data.
struct Sparkline: Widget {
    var values: [Double?]
    /// The value drawn full height (at least the largest shown), from 0; nil scales from the
    /// smallest value shown to the largest (a flat line draws at mid height).
    var ceiling: Double?
    var glyphs: GlyphSet
    var style: Style

    static let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let ascii: [Unicode.Scalar] = ["_", ".", ",", "-", "~", "=", "*", "#"]

    func render(_ area: Rect, into canvas: inout Canvas) {
        guard area.width > 0, area.height > 0 else { return }
        let shown = values.suffix(area.width)
        let finite = shown.compactMap { $0 }.filter(\.isFinite)
        let top = max(ceiling ?? 0, finite.max() ?? 0)
        let bottom = ceiling == nil ? min(top, finite.min() ?? 0) : 0
        let levels = glyphs == .ascii ? Self.ascii : Self.blocks
        let x0 = area.maxX - shown.count
        for (i, value) in shown.enumerated() {
            guard let value, value.isFinite else { continue }
            let share = top > bottom ? min(1, max(0, (value - bottom) / (top - bottom))) : 0.5
            let level = min(levels.count - 1, Int(saturating: (share * Double(levels.count - 1)).rounded()))
            canvas.put(levels[level], x: x0 + i, y: area.y, style: style)
        }
    }
}
