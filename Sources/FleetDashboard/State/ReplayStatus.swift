import Foundation

/// Where a replay stands, for display: the header shows `replay 00:42:10 / 02:00:00 ×20`.
/// The loop that owns the replay clock fills it in; `update` only reads it.
public struct ReplayStatus: Sendable, Hashable {
    /// Seconds of recording played (position − start).
    public var elapsed: TimeInterval
    /// Seconds the recording lasts.
    public var duration: TimeInterval
    public var speed: Double
    public var paused: Bool

    public init(elapsed: TimeInterval, duration: TimeInterval, speed: Double, paused: Bool) {
        self.elapsed = elapsed
        self.duration = duration
        self.speed = speed
        self.paused = paused
    }

    public var atEnd: Bool { elapsed >= duration }

    /// `replay 00:42:10 / 02:00:00 ×20`.
    public var label: String {
        "replay \(Self.clock(elapsed)) / \(Self.clock(duration)) ×\(Self.speedText(speed))"
    }

    /// `HH:MM:SS` (hours may exceed 24).
    public static func clock(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(saturating: seconds.rounded(.down)))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }

    static func speedText(_ speed: Double) -> String {
        speed == speed.rounded() && speed < 1e9 ? String(Int(speed)) : String(speed)
    }
}

/// What a key asks of the replay clock. `update` stays pure: it returns the command as a
/// ``DashboardEffect/replay(_:)`` effect; the loop applies it to the replay and hands back the new
/// ``ReplayStatus`` and fleet state.
public enum ReplayCommand: Sendable, Hashable {
    case togglePause
    case slower
    case faster
    /// One seek step back (`←`) or forward (`→`); the replay decides how long a step is.
    case stepBackward
    case stepForward
    case toStart
    case toEnd
    /// To this fraction of the recording (0 the start, 1 the end): a click on the header's position.
    case seek(fraction: Double)
}
