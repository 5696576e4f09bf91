/// How many colours the dashboard may use.
public enum ColorDepth: Sendable {
    case trueColor, c256, c16, none
}

/// The colour numbers ncurses is given: what `ColorMapper` maps a `Color` onto.
public enum ColorPalette: Sendable, Equatable {
    /// No colour at all: attributes only.
    case none
    /// The 8 ANSI colours (terminals with `colors#8`, e.g. TERM=xterm).
    case ansi8
    /// The 16 ANSI colours.
    case ansi16
    /// The xterm 256-colour palette.
    case xterm256
    /// Direct colour: ncurses colour numbers are 0xRRGGBB (terminfo `colors` ≥ 2^24, e.g. xterm-direct).
    case direct
}

/// What the terminal can show, decided from the environment and terminfo.
public struct ColorProfile: Sendable, Equatable {
    public var depth: ColorDepth
    public var palette: ColorPalette

    public init(depth: ColorDepth, palette: ColorPalette) {
        self.depth = depth
        self.palette = palette
    }

    public static let monochrome = ColorProfile(depth: .none, palette: .none)

    /// Decides the colour depth.
    /// - Parameters:
    ///   - noColorOption: the user asked for no colour.
    ///   - noColorEnv: the value of `NO_COLOR` (non-empty means no colour).
    ///   - colorTerm: the value of `COLORTERM` (`truecolor` or `24bit` asks for 24-bit colour).
    ///   - hasColors: ncurses' `has_colors()`.
    ///   - colors: the terminal's colour count (terminfo `colors`; 256 under tmux-256color, 2^24 under xterm-direct).
    public static func detect(
        noColorOption: Bool, noColorEnv: String?, colorTerm: String?, hasColors: Bool, colors: Int
    ) -> ColorProfile {
        if noColorOption || !(noColorEnv ?? "").isEmpty || !hasColors { return .monochrome }
        let wantsTrueColor = ["truecolor", "24bit"].contains((colorTerm ?? "").lowercased())
        if colors >= 1 << 24 { return ColorProfile(depth: .trueColor, palette: .direct) }
        if colors >= 256 {
            // The terminal may well show 24-bit colour (COLORTERM says so), but ncurses only knows 256
            // colour numbers for it (tmux-256color, xterm-256color): approximate to the palette.
            return ColorProfile(depth: wantsTrueColor ? .trueColor : .c256, palette: .xterm256)
        }
        if colors >= 16 { return ColorProfile(depth: .c16, palette: .ansi16) }
        if colors >= 8 { return ColorProfile(depth: .c16, palette: .ansi8) }
        return .monochrome
    }
}
