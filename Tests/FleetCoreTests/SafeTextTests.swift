import FleetCore
import Testing

@Suite struct SafeTextTests {
    @Test("printable: controls and bidi overrides shown escaped, printable text stays", arguments: [
        ("a\u{1B}[31mb", "a\\e[31mb"),
        ("bell\u{07}\u{9B}x\u{7F}", "bell\\u0007\\u009bx\\u007f"),
        ("two\nlines\tand tab", "two\nlines\tand tab"),
        ("cr\r", "cr\\u000d"),
        ("abc\u{202E}fed\u{202C}", "abc\\u202efed\\u202c"),
        ("\u{2066}iso\u{2069}\u{200E}\u{200F}\u{061C}", "\\u2066iso\\u2069\\u200e\\u200f\\u061c"),
        ("日本 e\u{301} ✓ ⣿ 🚀", "日本 e\u{301} ✓ ⣿ 🚀"),
    ])
    func printable(input: String, expected: String) {
        #expect(SafeText.printable(input) == expected)
    }

    @Test("line: as printable, on one line", arguments: [
        ("two\nlines\tand\r\ncrlf", "two lines and  crlf"),
        ("para\u{2029}sep\u{2028}x\u{85}y", "para sep x y"),
        ("\u{1B}]0;title\u{07}ok\u{202E}", "\\e]0;title\\u0007ok\\u202e"),
        ("C1 \u{9B}2J", "C1 \\u009b2J"),
        ("日本", "日本"),
    ])
    func line(input: String, expected: String) {
        #expect(SafeText.line(input) == expected)
    }

    @Test func screenDropsBidiOverridesToo() {
        #expect(SafeText.sanitize("a\u{202E}b") == "ab")
    }
}
