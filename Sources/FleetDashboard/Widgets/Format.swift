import FleetCore
import Foundation

/// Number and time formatting shared by the widgets, independent of the user's locale.
enum Format {
    /// 12345.6 → "12,346".
    static func grouped(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        // Past 15 digits the digits are noise, and Int(_:) traps at 9.2e18: 1e19 → "1e+19".
        if abs(v) >= 1e15 { return String(format: "%.3g", v) }
        let n = Int(v.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// One decimal: 41.25 → "41.2".
    static func oneDecimal(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        return String(format: "%.1f", v)
    }

    /// A duration in the largest sensible unit: "45s", "12m", "3h05m", "2d4h".
    static func duration(_ seconds: Int) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" + (s % 3600 / 60 == 0 ? "" : Chart.pad2(s % 3600 / 60) + "m") }
        return "\(s / 86400)d" + (s % 86400 / 3600 == 0 ? "" : "\(s % 86400 / 3600)h")
    }

    /// A time window length: "15m", "1h", "24h".
    static func window(_ seconds: Int) -> String {
        seconds % 3600 == 0 ? "\(seconds / 3600)h" : "\(seconds / 60)m"
    }

    /// "2026-11-29 16:40:12Z".
    static func dateTime(_ date: Date) -> String {
        let iso = ISOTime.string(date)
        return iso.replacingOccurrences(of: "T", with: " ")
    }

    /// A check's latency: "0.4ms", "3.1ms", "41ms", "1.2s".
    static func latency(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let ms = seconds * 1000
        if ms < 10 { return String(format: "%.1fms", ms) }
        if ms < 1000 { return "\(Int(saturating: ms.rounded()))ms" }
        return String(format: "%.1fs", min(seconds, 999))
    }

    /// "us-east-1a" → "1a".
    static func shortZone(_ zone: String) -> String {
        if let dash = zone.lastIndex(of: "-") { return String(zone[zone.index(after: dash)...]) }
        return zone
    }
}
