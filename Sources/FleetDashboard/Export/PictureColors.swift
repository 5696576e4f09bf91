/// A colour as a picture writes it: `#rrggbb`.
public struct RGB: Sendable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "#")]
        for v in [r, g, b] {
            out.append(digits[Int(v >> 4)])
            out.append(digits[Int(v & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Relative brightness, 0…255 (Rec. 601 weights).
    var luma: Int { (299 * Int(r) + 587 * Int(g) + 114 * Int(b)) / 1000 }
}

/// The theme's colours made concrete for a picture, where there is no terminal to supply its own
/// default colours: a theme's `default` background is a dark one (or the theme's own `main_bg`),
/// the default foreground its `main_fg`; palette entries are xterm's; `reverse` swaps the two.
public struct PictureColors: Sendable, Hashable {
    /// The page: what `default` means as a background.
    public var background: RGB
    /// What `default` means as a foreground.
    public var foreground: RGB

    /// The dark page used when the theme leaves the background to the terminal.
    public static let darkPage = RGB(0x1e, 0x1e, 0x2e)
    static let lightText = RGB(0xcd, 0xd6, 0xf4)
    static let darkText = RGB(0x4c, 0x4f, 0x69)

    public init(theme: Theme) {
        let page = Self.concrete(theme.background(.mainBg)) ?? Self.darkPage
        background = page
        foreground = Self.concrete(theme.style(.mainFg).fg) ?? (page.luma < 128 ? Self.lightText : Self.darkText)
    }

    static func concrete(_ color: Color) -> RGB? {
        switch color {
        case .default: return nil
        case .rgb(let r, let g, let b): return RGB(r, g, b)
        case .indexed(let n):
            let (r, g, b) = XtermPalette.rgb(n)
            return RGB(r, g, b)
        }
    }

    /// The colour `color` draws as, in the foreground or the background.
    public func rgb(_ color: Color, foreground isForeground: Bool) -> RGB {
        Self.concrete(color) ?? (isForeground ? foreground : background)
    }

    /// A style's foreground and background, `reverse` applied.
    public func resolve(_ style: Style) -> (fg: RGB, bg: RGB) {
        let fg = rgb(style.fg, foreground: true), bg = rgb(style.bg, foreground: false)
        return style.attributes.contains(.reverse) ? (bg, fg) : (fg, bg)
    }

    /// The colour a theme role draws in, as a foreground on the page.
    public func color(_ role: ThemeRole, in theme: Theme) -> RGB {
        resolve(theme.style(role)).fg
    }
}
