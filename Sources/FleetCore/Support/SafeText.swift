/// THE sanitiser: makes text that came from input (instance ids, labels, alarm names, error messages
/// quoting a file) safe to show, on the screen, on stdout and on stderr, so that no input can write an
/// escape sequence or reorder what the terminal shows.
///
/// - ``sanitize(_:)`` and ``displayable(_:)``: for the screen (the canvas); controls and zero-width
///   characters dropped, characters that do not take exactly one cell replaced by `?`.
/// - ``printable(_:)``: for stdout and stderr; C0 and C1 controls (except newline and tab), DEL and the
///   bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) shown visibly escaped
///   (`\e` for ESC, `\u009b`, `\u202e`), all other printable text (wide characters, combining marks,
///   emoji) kept: the reader sees that the input held a control, and the terminal never obeys it.
/// - ``line(_:)``: as ``printable(_:)``, on one line: newlines, tabs and other whitespace controls
///   become single spaces.
public enum SafeText {
    /// The scalar to draw for `s`, or nil to drop it.
    @inline(__always)
    public static func displayable(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return nil }          // C0, DEL, C1
        if v < 0x300 { return s }                                        // Latin, fast path
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control,
             .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            return nil
        default: break
        }
        if isWide(v) { return "?" }
        return s
    }

    /// The text with control and zero-width characters removed and wide ones replaced.
    public static func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if let d = displayable(s) { out.append(d) }
        }
        return String(out)
    }

    /// East Asian wide and emoji ranges: two cells in a terminal.
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }

    /// The bidirectional formatting controls (Unicode's `Bidi_Control` property): they reorder the
    /// text around them, so a file name could display as something else (U+202E, RIGHT-TO-LEFT OVERRIDE).
    @inline(__always)
    static func isBidiControl(_ v: UInt32) -> Bool {
        v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Text for stdout or stderr: controls other than newline and tab, and bidi controls, escaped.
    public static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if v == 0x0A || v == 0x09 { out.append(s); continue }
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || isBidiControl(v) { escape(v, into: &out); continue }
            out.append(s)
        }
        return String(out)
    }

    /// `\e` for ESC, else `\u` and four lowercase hex digits (`\u0007`, `\u009b`, `\u202e`).
    static func escape(_ v: UInt32, into out: inout String.UnicodeScalarView) {
        if v == 0x1B { out.append(contentsOf: "\\e".unicodeScalars); return }
        let hex = String(v, radix: 16)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
    }

    /// Text for one line of stdout or stderr: as ``printable(_:)``, with line breaks and tabs (C0
    /// whitespace, U+2028, U+2029) each turned into one space.
    public static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if (0x09...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029 {
                out.append(" ")
                continue
            }
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || isBidiControl(v) { escape(v, into: &out); continue }
            out.append(s)
        }
        return String(out)
    }
}
