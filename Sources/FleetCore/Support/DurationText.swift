import Foundation

/// Durations as people type them: `2h`, `90m`, `3600s`, `3600` (seconds), `1.5h`.
public enum DurationText {
    /// Seconds, or nil when `text` is not a non-negative finite duration: `250ms`, `30s`, `5m`,
    /// `1h30m`, `2d`, or a bare number of seconds.
    public static func parse(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.isEmpty { return nil }
        if let plain = Double(t) { return plain.isFinite && plain >= 0 ? plain : nil }
        var total = 0.0
        var number = ""
        var i = t.startIndex
        var sawUnit = false
        while i < t.endIndex {
            let c = t[i]
            if c.isNumber || c == "." {
                number.append(c)
                i = t.index(after: i)
                continue
            }
            var unit = String(c)
            let next = t.index(after: i)
            if c == "m", next < t.endIndex, t[next] == "s" { unit = "ms"; i = t.index(after: next) } else { i = next }
            guard let v = Double(number), v >= 0 else { return nil }
            switch unit {
            case "ms": total += v / 1000
            case "s": total += v
            case "m": total += v * 60
            case "h": total += v * 3600
            case "d": total += v * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }

    /// `seconds` as typed back in a message: `90m`, `36500d`, `1e+30s`.
    public static func describe(_ seconds: TimeInterval) -> String {
        if seconds >= 86400, seconds < 1e15, seconds.truncatingRemainder(dividingBy: 86400) == 0 {
            return "\(Int(seconds / 86400))d"
        }
        if seconds < 1e15, seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}
