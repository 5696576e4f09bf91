import FleetCore

/// A problem in a theme file that did not stop it loading, named by file and line.
public struct ThemeWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads theme files in the btop style:
///
///     # comment
///     theme[main_bg]="#1e1e2e"
///     theme[unhealthy]="#f38ba8 bold"
///
/// A value is a colour (`#RRGGBB`, `#RGB`, a palette index 0–255, or `default`) followed by any of
/// the attributes `bold`, `dim`, `underline`, `reverse`; either part may be left out. Keys the file
/// does not set come from `base`; an unknown key or a bad value is a warning, and that line is skipped.
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String, base: Theme?) -> (Theme, [ThemeWarning]) {
        var entries = base?.entries ?? [:]
        var warnings: [ThemeWarning] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            func warn(_ message: String) {
                warnings.append(ThemeWarning(file: file, line: lineNumber, message: message))
            }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
                warn("expected theme[key]=\"value\", got '\(SafeText.sanitize(String(line.prefix(40))))'")
                continue
            }
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
            var rest = line[line.index(after: close)...].trimmingCharacters(in: " \t")
            guard rest.hasPrefix("=") else {
                warn("expected '=' after theme[\(SafeText.sanitize(key))]")
                continue
            }
            rest = String(rest.dropFirst()).trimmingCharacters(in: " \t")
            if rest.count >= 2, let q = rest.first, q == "\"" || q == "'", rest.last == q {
                rest = String(rest.dropFirst().dropLast())
            }
            guard let role = ThemeRole(rawValue: key) else {
                warn("unknown key '\(SafeText.sanitize(key))'")
                continue
            }
            switch parseValue(rest) {
            case .success(let style): entries[role] = style
            case .failure(let problem): warn("bad value for \(key): \(problem.message)")
            }
        }
        return (Theme(name: name, entries: entries), warnings)
    }

    struct ValueProblem: Error { var message: String }

    /// Parses `"#rrggbb bold reverse"` and the like.
    static func parseValue(_ value: String) -> Result<Style, ValueProblem> {
        var style = Style()
        var sawColor = false
        for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
            let t = token.lowercased()
            switch t {
            case "bold": style.attributes.insert(.bold)
            case "dim": style.attributes.insert(.dim)
            case "underline": style.attributes.insert(.underline)
            case "reverse": style.attributes.insert(.reverse)
            case "default", "none":
                if sawColor { return .failure(ValueProblem(message: "two colours in '\(SafeText.sanitize(value))'")) }
                sawColor = true
            default:
                if sawColor { return .failure(ValueProblem(message: "two colours in '\(SafeText.sanitize(value))'")) }
                guard let color = parseColor(t) else {
                    return .failure(ValueProblem(message: "'\(SafeText.sanitize(String(token)))' is not a colour (#RRGGBB, #RGB, 0-255, default) or attribute (bold, dim, underline, reverse)"))
                }
                style.fg = color
                sawColor = true
            }
        }
        return .success(style)
    }

    static func parseColor(_ t: String) -> Color? {
        if t.hasPrefix("#") {
            let hex = t.dropFirst()
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            if hex.count == 6, let v = UInt32(hex, radix: 16) {
                return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
            }
            if hex.count == 3, let v = UInt32(hex, radix: 16) {
                let r = UInt8(v >> 8 & 0xF), g = UInt8(v >> 4 & 0xF), b = UInt8(v & 0xF)
                return .rgb(r * 17, g * 17, b * 17)
            }
            return nil
        }
        if let n = Int(t), (0...255).contains(n) { return .indexed(UInt8(n)) }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        Substring(self).trimmingCharacters(in: set)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
