import FleetDashboard

/// One unit of input as `wget_wch` returns it: a character, or an ncurses key code (`KEY_CODE_YES`).
public enum RawInput: Sendable, Equatable {
    case char(UInt32)
    case code(Int32)
}

/// Turns raw input into `Key`s. ncurses (with `keypad`) already turns the sequences terminfo knows
/// into key codes; the escape sequences it does not know (`ESC [1~` for Home under xterm, `ESC OH`
/// under screen, modified arrows…) arrive as separate characters and are decoded here. A sequence
/// cut short at the end of what was read stays pending: feed the rest, or `flush()` when no more
/// input came within the escape delay (a lone ESC is then the Esc key).
public struct KeyDecoder: Sendable {
    /// An escape sequence in progress, starting with ESC.
    private var pending: [UInt32] = []
    /// SGR mouse reports (`ESC [ < b ; x ; y M`) read since the last `takeMouseReports()`.
    private var mouseReports: [MouseReport] = []
    /// Longest escape sequence kept; longer ones are dropped.
    static let maxSequence = 32

    public init() {}

    /// The SGR mouse reports decoded so far, oldest first; the list is emptied.
    public mutating func takeMouseReports() -> [MouseReport] {
        defer { mouseReports = [] }
        return mouseReports
    }

    /// True while an escape sequence is incomplete.
    public var hasPending: Bool { !pending.isEmpty }

    /// Decodes a whole batch, flushing at the end: what a batch read in one go means.
    public static func decode(_ inputs: [RawInput]) -> [Key] {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for input in inputs { keys += decoder.feed(input) }
        return keys + decoder.flush()
    }

    /// Adds one unit; returns the keys it completes.
    public mutating func feed(_ input: RawInput) -> [Key] {
        switch input {
        case .code(let code):
            let before = flush()
            guard let key = Self.key(forCode: code) else { return before }
            return before + [key]
        case .char(let c):
            if pending.isEmpty {
                if c == 0x1B { pending = [c]; return [] }
                return Self.key(forChar: c).map { [$0] } ?? []
            }
            pending.append(c)
            return step()
        }
    }

    /// Ends an incomplete sequence: a lone ESC is the Esc key; ESC followed by a part of a sequence
    /// is Esc followed by those characters as typed.
    public mutating func flush() -> [Key] {
        guard !pending.isEmpty else { return [] }
        let chars = pending.dropFirst()
        pending = []
        return [.escape] + chars.compactMap(Self.key(forChar:))
    }

    /// Looks at `pending` after a character was added.
    private mutating func step() -> [Key] {
        let p = pending
        let second = p[1]
        if p.count == 2 {
            switch second {
            case 0x5B, 0x4F: return []                 // "[" or "O": a CSI or SS3 sequence follows
            case 0x1B: pending = [0x1B]; return [.escape]  // Esc, then a new sequence
            default:
                // ESC and an ordinary character (Alt+key): Esc, then the character.
                pending = []
                return [.escape] + (Self.key(forChar: second).map { [$0] } ?? [])
            }
        }
        let last = p[p.count - 1]
        if last < 0x20 || last > 0x7E {
            // Not part of any sequence: give back what was read as typed and go on with the new one.
            pending = Array(p.dropLast())
            return flush() + feed(.char(last))
        }
        if second == 0x4F {                           // SS3: ESC O x
            pending = []
            return Self.ss3(last).map { [$0] } ?? []
        }
        // CSI: ESC [ params intermediates final
        if p.count >= 3 && p[2] == 0x5B {             // Linux console: ESC [ [ A…E are F1…F5
            if p.count == 3 { return [] }
            pending = []
            return (0x41...0x45).contains(last) ? [.function(Int(last) - 0x40)] : []
        }
        if (0x40...0x7E).contains(last) {
            pending = []
            let params = String(decoding: p[2..<(p.count - 1)].map { UInt8($0) }, as: UTF8.self)
            if params.hasPrefix("<"), last == 0x4D || last == 0x6D {
                if let report = MouseReport(sgr: params.dropFirst(), press: last == 0x4D) { mouseReports.append(report) }
                return []
            }
            return Self.csi(params: params, final: last).map { [$0] } ?? []
        }
        if p.count >= Self.maxSequence { pending = [] }  // runaway: drop it
        return []
    }

    /// `ESC O x`: keypad and function keys in application mode.
    static func ss3(_ final: UInt32) -> Key? {
        switch final {
        case 0x41: .up
        case 0x42: .down
        case 0x43: .right
        case 0x44: .left
        case 0x48: .home
        case 0x46: .end
        case 0x4D: .enter                             // keypad Enter
        case 0x50...0x53: .function(Int(final) - 0x50 + 1)  // P Q R S: F1–F4
        default: nil
        }
    }

    /// `ESC [ params final`. Modifiers (`1;5A`) are ignored: Ctrl-Up is Up.
    static func csi(params: String, final: UInt32) -> Key? {
        let fields = params.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.flatMap { Int($0) } ?? 1
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x5A: return .backTab
        case 0x50...0x53 where !params.hasPrefix("?") && !params.hasPrefix(">"):
            return .function(Int(final) - 0x50 + 1)
        case 0x7E:
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(first - 10)
            case 17...21: return .function(first - 11)
            case 23...26: return .function(first - 12)
            case 28, 29: return .function(first - 13)
            case 31...34: return .function(first - 14)
            default: return nil                       // Insert, Delete, bracketed paste marks…
            }
        default: return nil
        }
    }

    /// The key for one character outside an escape sequence; nil for what is not a key.
    public static func key(forChar c: UInt32) -> Key? {
        switch c {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(c + 0x60))))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(c) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The key for an ncurses key code; nil for codes the dashboard has no use for.
    static func key(forCode code: Int32) -> Key? {
        typealias K = CursesKeyCode
        switch code {
        case K.up, K.scrollReverse: return .up
        case K.down, K.scrollForward: return .down
        case K.left, K.shiftLeft: return .left
        case K.right, K.shiftRight: return .right
        case K.home, K.find, K.keypadA1: return .home
        case K.end, K.select, K.keypadC1: return .end
        case K.pageUp, K.keypadA3: return .pageUp
        case K.pageDown, K.keypadC3: return .pageDown
        case K.backTab: return .backTab
        case K.backspace: return .backspace
        case K.enter: return .enter
        case K.f(1)...K.f(63): return .function(Int(code - K.f0))
        default: return nil
        }
    }
}

/// A mouse report as the shim gives one: the button (1 a press of the first button, 4 wheel up,
/// 5 wheel down, 0 anything else) and the 0-based cell.
public struct MouseReport: Sendable, Equatable {
    public var button: Int
    public var x: Int
    public var y: Int

    public init(button: Int, x: Int, y: Int) {
        self.button = button
        self.x = x
        self.y = y
    }

    /// From SGR (mode 1006) parameters `b;x;y` (1-based cells), `M` a press and `m` a release.
    /// Modifier bits (4 shift, 8 meta, 16 ctrl) are ignored; motion (32) is not a press.
    init?(sgr params: Substring, press: Bool) {
        let f = params.split(separator: ";").compactMap { Int($0) }
        guard f.count == 3, f[1] >= 1, f[2] >= 1 else { return nil }
        let code = f[0] & ~(4 | 8 | 16)
        switch code {
        case 0 where press: button = 1
        case 64: button = 4
        case 65: button = 5
        default: button = 0
        }
        x = f[1] - 1
        y = f[2] - 1
    }
}
