import Foundation

/// Why alarm definitions could not be loaded, on one line: `alarms.tf:12:5: expected '=' or '{' after
/// 'threshold'`, `alarms.yaml:7: alarms[1].period: expected seconds or a duration like 5m, got "soon"`.
/// `file` is the path as given; `line` and `column` are 1-based and absent when the problem is the file
/// as a whole (too large, unreadable).
public struct AlarmDefinitionError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(file: String, at location: SourceLocation?, _ message: String) {
        self.init(file: file, line: location?.line, column: location?.column, message: message)
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text + ": " + message
    }

    public var errorDescription: String? { description }
}

extension String {
    /// The string in double quotes with quotes, backslashes and control characters escaped, cut to
    /// `limit` characters: user text quoted in a one-line message.
    func alarmQuoted(limit: Int = 80) -> String {
        var out = "\""
        var count = 0
        for scalar in unicodeScalars {
            if count >= limit { out += "…"; break }
            count += 1
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// One line, control characters replaced by spaces, runs of whitespace collapsed, cut to `limit`.
    func alarmSingleLine(limit: Int = 80) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in unicodeScalars {
            let isSpace = scalar.value < 0x20 || scalar == " " || (0x7F...0x9F).contains(scalar.value)
            if isSpace {
                if !lastWasSpace && !out.isEmpty { out += " " }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out.count > limit ? String(out.prefix(limit)) + "…" : out
    }
}
