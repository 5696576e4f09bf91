/// A colour as a theme names it. The terminal layer maps it to what the terminal can show.
public enum Color: Sendable, Hashable {
    /// The terminal's own default colour.
    case `default`
    /// One of the 256 xterm palette entries (0–15 are the terminal's own 16 colours).
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes, as a bit set.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
}

/// How a cell is drawn: foreground, background, attributes.
public struct Style: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var attributes: TextAttributes

    public init(fg: Color = .default, bg: Color = .default, attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    public func with(bg: Color) -> Style { Style(fg: fg, bg: bg, attributes: attributes) }
    public func adding(_ a: TextAttributes) -> Style { Style(fg: fg, bg: bg, attributes: attributes.union(a)) }
}
