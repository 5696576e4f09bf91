import Foundation

/// The ceiling on every size, duration and time fleetwatch takes from outside (README, "Limits").
/// Anything over is refused where it enters, with a one-line error naming the ceiling, so no input can
/// make the process allocate without bound, run for ever or trap on an integer conversion.
public enum Ceilings {
    /// Any duration typed in a configuration or on the command line (`every:`, `timeout:`, `--refresh`):
    /// 366 days.
    public static let duration: TimeInterval = 366 * 86400
    /// `history:` in a configuration (the ring buffers keep one point a minute): 14 days.
    public static let history: TimeInterval = 14 * 86400
    /// Simulated history the mock source computes before its first poll (`prefill:`, `--prefill`): 7 days.
    public static let prefill: TimeInterval = 7 * 86400
    /// `record --duration`: 31 days.
    public static let recordDuration: TimeInterval = 31 * 86400
    /// Datapoints kept per series (a recording's `series_capacity`): 1 to 100 000.
    public static let seriesCapacity: ClosedRange<Int> = 1...100_000
    /// Evaluation periods one alarm preview walks ((end − start) / period): 1 000 000.
    public static let previewPeriods = 1_000_000
    /// Fleets simulated at once (`--fleets N`): 500 (the overview's budget is measured at 200).
    public static let simulatedFleets = 500
    /// Instances of one simulated group (a mock source's `min_size:`/`max_size:`): 100.
    public static let simulatedGroupSize = 100
    /// A recording file: 1 GiB.
    public static let recordingBytes = 1 << 30
    /// A configuration, targets, keys or theme file: 4 MiB.
    public static let configBytes = 4 << 20
    /// Timestamps: from 1970-01-01T00:00:00Z to 2999-12-31T23:59:59Z (epoch seconds). CloudWatch keeps
    /// data for 15 months; anything far outside is a corrupt file, not a time to draw.
    public static let timestamps: ClosedRange<TimeInterval> = 0...32_503_679_999

    /// `seconds` as a duration reads in an error: `366d`, `7d`, `90m`, `45s`.
    public static func text(_ seconds: TimeInterval) -> String {
        let s = Int(saturating: seconds)
        if s % 86400 == 0 { return "\(s / 86400)d" }
        if s % 3600 == 0 { return "\(s / 3600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }

    /// Nil when `seconds` is within `ceiling`, else the one-line reason (`more than the 7d ceiling for prefill`).
    public static func exceeded(_ seconds: TimeInterval, _ ceiling: TimeInterval, for what: String) -> String? {
        seconds <= ceiling ? nil : "\(DurationText.describe(seconds)) is more than the \(text(ceiling)) ceiling for \(what)"
    }

    /// True when `t` (epoch seconds) is within ``timestamps``.
    @inline(__always)
    public static func isTimestamp(_ t: TimeInterval) -> Bool { timestamps.contains(t) }

    /// The reason a timestamp is refused.
    public static func timestampError(_ t: TimeInterval) -> String {
        "timestamp \(t) is outside 1970-01-01 … 2999-12-31"
    }
}

extension Int {
    /// `value` rounded toward zero and clamped to `Int.min...Int.max`; NaN is 0. The conversion for
    /// any Double that came from outside: `Int(_:)` traps on 1e19, infinity and NaN.
    @inline(__always)
    public init(saturating value: Double) {
        if value.isNaN { self = 0 }
        else if value >= 9.223372036854775e18 { self = .max }
        else if value <= -9.223372036854775e18 { self = .min }
        else { self = Int(value) }
    }
}
