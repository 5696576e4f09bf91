/// Makes text from data (instance ids, labels, error messages) safe to put on screen: control
/// characters are dropped (so no escape sequence can reach the terminal), and characters that do
/// not take exactly one cell are replaced.
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
}
