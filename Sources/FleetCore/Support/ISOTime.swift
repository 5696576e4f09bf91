import Foundation

/// ISO 8601 UTC times, `2026-11-29T16:40:00Z`, without a formatter object (fast, locale-free).
public enum ISOTime {
    public static func string(_ date: Date) -> String {
        // Clamped to what a date can print as (±1e13 s is ±300 000 years): never traps on data.
        let t = Int(saturating: min(max(date.timeIntervalSince1970, -1e13), 1e13).rounded(.down))
        let days = Int((Double(t) / 86400).rounded(.down))
        let secs = t - days * 86400
        let (y, m, d) = civil(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Parses `2026-11-29T16:40:00Z`, with optional fractional seconds and `±HH:MM` offsets, or
    /// epoch seconds. Nil when it is neither, or outside ``Ceilings/timestamps``.
    public static func parse(_ text: String) -> Date? {
        guard let date = parseAny(text), Ceilings.isTimestamp(date.timeIntervalSince1970) else { return nil }
        return date
    }

    static func parseAny(_ text: String) -> Date? {
        if let epoch = Double(text), epoch.isFinite { return Date(timeIntervalSince1970: epoch) }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
