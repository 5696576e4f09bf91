import FleetDashboard
import Testing
@testable import FleetTerminal

@Suite("KeyDecoder")
struct KeyDecoderTests {
    /// Raw characters for a string, as wget_wch gives them one at a time.
    func chars(_ s: String) -> [RawInput] { s.unicodeScalars.map { .char($0.value) } }

    @Test("printable characters, including non-ASCII", arguments: ["q", "Q", "?", " ", "é", "→", "ß"])
    func printable(_ s: String) {
        #expect(KeyDecoder.decode(chars(s)) == [.char(Character(s))])
    }

    @Test("control characters")
    func controls() {
        let table: [(UInt32, Key)] = [
            (0x0D, .enter), (0x0A, .enter), (0x09, .tab), (0x7F, .backspace), (0x08, .backspace),
            (0x03, .ctrl("c")), (0x01, .ctrl("a")), (0x1A, .ctrl("z")), (0x0C, .ctrl("l")),
            (0x00, .ctrl("@")), (0x1C, .ctrl("\\")), (0x1F, .ctrl("_")),
        ]
        for (code, key) in table {
            #expect(KeyDecoder.decode([.char(code)]) == [key], "0x\(String(code, radix: 16))")
        }
    }

    @Test("C1 controls are dropped")
    func c1() {
        #expect(KeyDecoder.decode([.char(0x9B), .char(0x85)]) == [])
    }

    @Test("ncurses key codes")
    func codes() {
        typealias K = CursesKeyCode
        let table: [(Int32, Key)] = [
            (K.up, .up), (K.down, .down), (K.left, .left), (K.right, .right),
            (K.home, .home), (K.end, .end), (K.find, .home), (K.select, .end),
            (K.pageUp, .pageUp), (K.pageDown, .pageDown), (K.backTab, .backTab),
            (K.backspace, .backspace), (K.enter, .enter),
            (K.f(1), .function(1)), (K.f(5), .function(5)), (K.f(12), .function(12)),
        ]
        for (code, key) in table {
            #expect(KeyDecoder.decode([.code(code)]) == [key], "code \(code)")
        }
        #expect(KeyDecoder.key(forCode: K.resize) == nil)
    }

    @Test("escape sequences ncurses may leave undecoded", arguments: [
        ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}[1;5A", .up), ("\u{1B}OA", .up), ("\u{1B}OD", .left),
        ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}[H", .home), ("\u{1B}OH", .home),
        ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}[F", .end), ("\u{1B}OF", .end),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[Z", .backTab),
        ("\u{1B}OP", .function(1)), ("\u{1B}OS", .function(4)), ("\u{1B}[15~", .function(5)),
        ("\u{1B}[17~", .function(6)), ("\u{1B}[21~", .function(10)), ("\u{1B}[24~", .function(12)),
        ("\u{1B}[1;2P", .function(1)), ("\u{1B}[[A", .function(1)), ("\u{1B}[[E", .function(5)),
        ("\u{1B}OM", .enter),
    ])
    func sequences(_ sequence: String, _ key: Key) {
        #expect(KeyDecoder.decode(chars(sequence)) == [key])
    }

    @Test("unknown sequences are swallowed whole")
    func unknown() {
        #expect(KeyDecoder.decode(chars("\u{1B}[3~x")) == [.char("x")])      // Delete
        #expect(KeyDecoder.decode(chars("\u{1B}[200~")) == [])                // bracketed paste mark
        #expect(KeyDecoder.decode(chars("\u{1B}[?1;2c")) == [])               // a device attribute reply
    }

    @Test("a lone ESC is Esc, but only once no more input comes")
    func loneEscape() {
        var d = KeyDecoder()
        #expect(d.feed(.char(0x1B)) == [])
        #expect(d.hasPending)
        #expect(d.flush() == [.escape])
        #expect(!d.hasPending)
        #expect(KeyDecoder.decode(chars("\u{1B}")) == [.escape])
    }

    @Test("a sequence split across reads still decodes")
    func split() {
        var d = KeyDecoder()
        #expect(d.feed(.char(0x1B)) == [])
        #expect(d.feed(.char(0x5B)) == [])
        #expect(d.feed(.char(0x31)) == [])
        #expect(d.feed(.char(0x7E)) == [.home])
        #expect(!d.hasPending)
    }

    @Test("ESC then an ordinary key is Esc and the key (Alt+key)")
    func altKey() {
        #expect(KeyDecoder.decode(chars("\u{1B}q")) == [.escape, .char("q")])
        #expect(KeyDecoder.decode(chars("\u{1B}\u{1B}")) == [.escape, .escape])
        #expect(KeyDecoder.decode(chars("\u{1B}\u{1B}[A")) == [.escape, .up])
    }

    @Test("an incomplete sequence flushes as typed")
    func incomplete() {
        #expect(KeyDecoder.decode(chars("\u{1B}[")) == [.escape, .char("[")])
        #expect(KeyDecoder.decode(chars("\u{1B}O")) == [.escape, .char("O")])
        #expect(KeyDecoder.decode(chars("\u{1B}[1")) == [.escape, .char("["), .char("1")])
    }

    @Test("a control character ends a sequence and counts as itself")
    func interrupted() {
        #expect(KeyDecoder.decode(chars("\u{1B}[\r")) == [.escape, .char("["), .enter])
        #expect(KeyDecoder.decode(chars("\u{1B}O\u{1B}OB")) == [.escape, .char("O"), .down])
    }

    @Test("a key code ends a pending ESC first")
    func codeAfterEscape() {
        #expect(KeyDecoder.decode([.char(0x1B), .code(CursesKeyCode.up)]) == [.escape, .up])
    }

    @Test("several keys in one read")
    func batch() {
        #expect(KeyDecoder.decode(chars("ab\u{1B}[Bc\r")) == [.char("a"), .char("b"), .down, .char("c"), .enter])
    }

    @Test("a runaway sequence is dropped")
    func runaway() {
        let long = "\u{1B}[" + String(repeating: "1", count: 40) + "~x"
        #expect(KeyDecoder.decode(chars(long)).last == .char("x"))
    }
}
