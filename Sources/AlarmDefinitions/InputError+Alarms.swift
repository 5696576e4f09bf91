import FleetCore
import Foundation

extension InputError {
    /// An error at an HCL or YAML source location (nil: the file as a whole).
    init(file: String, at location: SourceLocation?, _ message: String) {
        self.init(file: file, line: location?.line, column: location?.column, message: message)
    }
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

    /// One line (``SafeText/line(_:)``, the one sanitiser), runs of spaces collapsed, cut to `limit`.
    func alarmSingleLine(limit: Int = 80) -> String {
        let out = SafeText.line(self).split(separator: " ").joined(separator: " ")
        return out.count > limit ? String(out.prefix(limit)) + "…" : out
    }
}
