import FleetCore
import Testing

@Suite struct SafeTextTests {
    @Test("printable: controls and bidi overrides go, printable text stays", arguments: [
        ("a\u{1B}[31mb", "a[31mb"),
        ("bell\u{07}\u{9B}x\u{7F}", "bellx"),
        ("two\nlines\tand tab", "two\nlines\tand tab"),
        ("cr\r", "cr"),
        ("abc\u{202E}fed\u{202C}", "abcfed"),
        ("\u{2066}iso\u{2069}\u{200E}\u{200F}\u{061C}", "iso"),
        ("日本 e\u{301} ✓ ⣿ 🚀", "日本 e\u{301} ✓ ⣿ 🚀"),
    ])
    func printable(input: String, expected: String) {
        #expect(SafeText.printable(input) == expected)
    }

    @Test("line: as printable, on one line", arguments: [
        ("two\nlines\tand\r\ncrlf", "two lines and  crlf"),
        ("para\u{2029}sep\u{2028}x\u{85}y", "para sep x y"),
        ("\u{1B}]0;title\u{07}ok\u{202E}", "]0;titleok"),
        ("日本", "日本"),
    ])
    func line(input: String, expected: String) {
        #expect(SafeText.line(input) == expected)
    }

    @Test func screenDropsBidiOverridesToo() {
        #expect(SafeText.sanitize("a\u{202E}b") == "ab")
    }
}
