import Testing
@testable import FleetTerminal

@Suite("TerminalRestore")
struct TerminalRestoreTests {
    @Test("terminfo padding is removed")
    func padding() {
        #expect(TerminalRestore.stripPadding(Array("\u{1B}[?1049l$<5>".utf8)) == Array("\u{1B}[?1049l".utf8))
        #expect(TerminalRestore.stripPadding(Array("a$<2*/>b".utf8)) == Array("ab".utf8))
        #expect(TerminalRestore.stripPadding(Array("cost $5".utf8)) == Array("cost $5".utf8))
        #expect(TerminalRestore.stripPadding(Array("$<unclosed".utf8)) == Array("$<unclosed".utf8))
    }

    @Test("the restore sequence: CAN, sgr0, rmkx, cnorm, rmcup, missing ones skipped")
    func sequence() {
        let bytes = TerminalRestore.restoreSequence(
            sgr0: "\u{1B}(B\u{1B}[m", rmkx: nil, cnorm: "\u{1B}[34h\u{1B}[?25h", rmcup: "\u{1B}[?1049l")
        #expect(bytes == Array("\u{18}\u{1B}(B\u{1B}[m\u{1B}[34h\u{1B}[?25h\u{1B}[?1049l".utf8))
    }

    @Test("waits round up to whole milliseconds")
    func milliseconds() {
        #expect(TerminalSession.milliseconds(rounding: .seconds(1)) == 1000)
        #expect(TerminalSession.milliseconds(rounding: .microseconds(1)) == 1)
        #expect(TerminalSession.milliseconds(rounding: .milliseconds(25)) == 25)
        #expect(TerminalSession.milliseconds(rounding: .zero) == 0)
        #expect(TerminalSession.milliseconds(rounding: .seconds(1_000_000_000)) == Int(Int32.max))
    }
}
