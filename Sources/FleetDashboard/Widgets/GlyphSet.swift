/// The characters charts and frames are drawn with, for fonts and terminals of every ability.
public enum GlyphSet: String, Sendable, Hashable, CaseIterable {
    /// Braille dots: 2×4 points per cell.
    case braille
    /// Half blocks: 1×2 points per cell.
    case block
    /// Plain ASCII: 1×3 points per cell.
    case ascii

    /// Points per cell across and down.
    var resolution: (x: Int, y: Int) {
        switch self {
        case .braille: (2, 4)
        case .block: (1, 2)
        case .ascii: (1, 3)
        }
    }

    /// The character for a cell whose points are set in `bits` (bit `y * resolution.x + x`).
    func glyph(bits: UInt8) -> Unicode.Scalar {
        switch self {
        case .braille:
            // Map row-major bits to the Unicode braille dot numbering.
            var code: UInt32 = 0
            let dotBits: [UInt32] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]
            for i in 0..<8 where bits & (1 << i) != 0 { code |= dotBits[i] }
            return Unicode.Scalar(0x2800 + code)!
        case .block:
            switch bits & 3 {
            case 1: return "▀"
            case 2: return "▄"
            case 3: return "█"
            default: return " "
            }
        case .ascii:
            switch bits & 7 {
            case 0: return " "
            case 1: return "'"
            case 2: return "-"
            case 4: return "."
            default: return "|"
            }
        }
    }

    /// Frame characters: horizontal, vertical, corners (tl, tr, bl, br), and the dashed line used
    /// for thresholds and targets.
    var frame: (h: Unicode.Scalar, v: Unicode.Scalar, tl: Unicode.Scalar, tr: Unicode.Scalar,
                bl: Unicode.Scalar, br: Unicode.Scalar, dash: Unicode.Scalar, tick: Unicode.Scalar) {
        switch self {
        case .ascii: ("-", "|", "+", "+", "+", "+", "-", "+")
        case .braille, .block: ("─", "│", "┌", "┐", "└", "┘", "┈", "┤")
        }
    }

    /// The next set, for the `g` key.
    public var next: GlyphSet {
        let all = GlyphSet.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
