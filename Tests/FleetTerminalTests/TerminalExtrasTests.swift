import FleetDashboard
@testable import FleetTerminal
import Testing

@Suite("Mouse clicks and synchronized output")
struct TerminalExtrasTests {
    @Test("a press is a click; a second press on the same cell soon after is a double click")
    func clicks() {
        var m = MouseClicks()
        #expect(m.event(button: 1, x: 5, y: 3, at: .milliseconds(0)) == MouseEvent(.click, x: 5, y: 3))
        #expect(m.event(button: 0, x: 5, y: 3, at: .milliseconds(50)) == nil)           // the release
        #expect(m.event(button: 1, x: 5, y: 3, at: .milliseconds(300)) == MouseEvent(.doubleClick, x: 5, y: 3))
        #expect(m.event(button: 1, x: 5, y: 3, at: .milliseconds(400)) == MouseEvent(.click, x: 5, y: 3))
        #expect(m.event(button: 1, x: 6, y: 3, at: .milliseconds(500)) == MouseEvent(.click, x: 6, y: 3))
        #expect(m.event(button: 1, x: 6, y: 3, at: .milliseconds(1000)) == MouseEvent(.click, x: 6, y: 3))
        #expect(m.event(button: 4, x: 1, y: 1, at: .seconds(2)) == MouseEvent(.wheelUp, x: 1, y: 1))
        #expect(m.event(button: 5, x: 1, y: 1, at: .seconds(2)) == MouseEvent(.wheelDown, x: 1, y: 1))
    }

    @Test("DECRQM answers for mode 2026, decided once DA1's answer is in", arguments: [
        ("\u{1B}[?2026;2$y\u{1B}[?62;22c", SynchronizedOutput.Answer.supported),
        ("\u{1B}[?2026;1$y\u{1B}[?1;2c", .supported),
        ("\u{1B}[?2026;0$y\u{1B}[?1;2c", .unsupported),
        ("\u{1B}[?2026;4$y\u{1B}[?1;2c", .unsupported),
        ("\u{1B}[?1;2c", .unsupported),                       // tmux 3.3a: DA1 only
        ("\u{1B}[?2026;2$y", .incomplete),
        ("", .incomplete),
    ])
    func decrqm(reply: String, answer: SynchronizedOutput.Answer) {
        #expect(SynchronizedOutput.parse(Array(reply.utf8)) == answer)
    }

    @Test("SGR mouse reports (mode 1006) are read by the key decoder, keys around them kept")
    func sgr() {
        var d = KeyDecoder()
        var keys: [Key] = []
        for c in "a\u{1B}[<0;121;11M\u{1B}[<0;121;11mb\u{1B}[<64;3;4M\u{1B}[<65;3;4M\u{1B}[<16;5;6M\u{1B}[<35;9;9M".unicodeScalars {
            keys += d.feed(.char(c.value))
        }
        #expect(keys == [.char("a"), .char("b")])
        #expect(d.takeMouseReports() == [
            MouseReport(button: 1, x: 120, y: 10), MouseReport(button: 0, x: 120, y: 10),
            MouseReport(button: 4, x: 2, y: 3), MouseReport(button: 5, x: 2, y: 3),
            MouseReport(button: 1, x: 4, y: 5),                 // ctrl+click is a click
            MouseReport(button: 0, x: 8, y: 8),                 // motion is not a press
        ])
        #expect(d.takeMouseReports().isEmpty)
    }

    @Test("with the mouse on, the emergency restore turns mouse reporting off")
    func restoreMouse() {
        let bytes = TerminalRestore.restoreSequence(sgr0: "\u{1B}[0m", rmkx: nil, cnorm: nil, rmcup: nil, mouse: true)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{18}\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l\u{1B}[0m")
    }
}
