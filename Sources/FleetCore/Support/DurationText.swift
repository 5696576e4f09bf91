import Foundation

/// Durations as people type them: `2h`, `90m`, `3600s`, `3600` (seconds), `1.5h`.
public enum DurationText {
    /// Seconds, or nil when `text` is not a non-negative finite duration.
    public static func parse(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = t.last else { return nil }
        let factor: Double
        var number = Substring(t)
        switch last {
        case "s": factor = 1; number = number.dropLast()
        case "m": factor = 60; number = number.dropLast()
        case "h": factor = 3600; number = number.dropLast()
        case "d": factor = 86400; number = number.dropLast()
        default: factor = 1
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        return value * factor
    }
}
