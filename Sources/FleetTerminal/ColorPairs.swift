import CNcurses
import FleetDashboard

/// Turns a `Style` into what ncurses draws with: attribute bits and a colour pair. Pairs are made on
/// demand with `alloc_pair` (ncurses ≥ 6.1, extended colours) and both lookups are cached, so a
/// frame costs one dictionary look-up per cell.
struct ColorPairs {
    let palette: ColorPalette
    /// `use_default_colors` worked: -1 means the terminal's own colours.
    let defaultColors: Bool
    /// How many pairs the terminal has (`COLOR_PAIRS`); pair 0 is the default one.
    let pairLimit: Int
    private var pairs: [PairKey: Int32] = [:]
    private var styles: [Style: Resolved] = [:]
    /// Goes up each time the pair table was full and was emptied: every cell drawn before then may
    /// show the wrong colours, so the frame must be drawn again in full.
    private(set) var generation = 0

    struct PairKey: Hashable { var fg: Int32; var bg: Int32 }
    struct Resolved { var attributes: attr_t; var pair: Int32 }

    init(palette: ColorPalette, defaultColors: Bool, pairLimit: Int) {
        self.palette = palette
        self.defaultColors = defaultColors
        self.pairLimit = pairLimit
    }

    mutating func resolve(_ style: Style) -> Resolved {
        if let hit = styles[style] { return hit }
        let resolved = Resolved(attributes: Self.attributes(style.attributes), pair: pair(for: style))
        styles[style] = resolved
        return resolved
    }

    static func attributes(_ a: TextAttributes) -> attr_t {
        var bits = fw_a_normal()
        if a.contains(.bold) { bits |= fw_a_bold() }
        if a.contains(.dim) { bits |= fw_a_dim() }
        if a.contains(.underline) { bits |= fw_a_underline() }
        if a.contains(.reverse) { bits |= fw_a_reverse() }
        return bits
    }

    private mutating func pair(for style: Style) -> Int32 {
        guard palette != .none else { return 0 }
        var fg = ColorMapper.cursesColor(style.fg, palette: palette)
        var bg = ColorMapper.cursesColor(style.bg, palette: palette)
        if !defaultColors {
            if fg < 0 { fg = 7 }
            if bg < 0 { bg = 0 }
        } else if fg < 0 && bg < 0 {
            return 0
        }
        let key = PairKey(fg: fg, bg: bg)
        if let hit = pairs[key] { return hit }
        if pairs.count + 1 >= pairLimit {
            // Full. alloc_pair would quietly reuse the least recently used pair (recolouring cells
            // already on screen, behind this cache's back): start the table afresh instead.
            reset_color_pairs()
            pairs = [:]
            styles = [:]
            generation += 1
        }
        let made = alloc_pair(fg, bg)
        let pair = made < 0 ? 0 : made
        pairs[key] = pair
        return pair
    }
}
