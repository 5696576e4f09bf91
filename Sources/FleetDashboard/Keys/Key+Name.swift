extension Key {
    /// Parses a key as written in a keys file: one character (`q`, `+`, `N`), or a name: `space`,
    /// `enter`, `esc`, `tab`, `shift+tab`, `backspace`, `up`, `down`, `left`, `right`, `home`,
    /// `end`, `pgup`, `pgdn`, `f1`…`f12`, `ctrl+c`. Names are case-insensitive; characters are not.
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            guard !c.isWhitespace || c == " ", !(c.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) else { return nil }
            self = .char(c)
            return
        }
        let lower = name.lowercased()
        if lower.hasPrefix("ctrl+") || lower.hasPrefix("ctrl-") {
            let rest = lower.dropFirst(5)
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n)
            return
        }
        switch lower {
        case "space": self = .char(" ")
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "shift+tab", "shift-tab", "backtab": self = .backTab
        case "backspace": self = .backspace
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        default: return nil
        }
    }

    /// How help screens write the key: `q`, `space`, `Ctrl-C`, `Enter`, `←`, `PgUp`.
    public var longName: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + c.uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }

    /// How the status line writes the key: as ``longName``, Enter as `⏎`.
    public var shortName: String {
        self == .enter ? "⏎" : longName
    }
}
