import FleetCore
import Foundation

/// Plays a ``ReplayTimeline``: a replay clock (position in recording time, speed, pause) and the
/// fleet state at that position. Driven from outside: ``advance(wallSeconds:)`` as wall time passes,
/// the commands (pause, speed, seek) as keys arrive. No clock reads, no I/O.
public struct ReplayPlayer: ReplayClocked, Sendable {
    /// The speeds `[` and `]` step through.
    public static let speeds: [Double] = ReplayClock.speeds

    public let timeline: ReplayTimeline
    /// Position, speed and pause.
    public private(set) var clock: ReplayClock
    /// The fleet state at ``position``.
    public private(set) var state: FleetState
    /// Updates applied to `state` (the first `applied` of the recording).
    public private(set) var applied = 0

    public init(timeline: ReplayTimeline, speed: Double = 1) {
        self.timeline = timeline
        clock = ReplayClock(start: timeline.start, end: timeline.end, speed: speed)
        applied = timeline.index(at: timeline.start)
        state = timeline.state(after: applied)
    }

    /// Moves the clock on by `wallSeconds` of wall time × speed (not while paused; stops at the end).
    /// Returns true when the fleet state changed.
    @discardableResult
    public mutating func advance(wallSeconds: TimeInterval) -> Bool {
        guard let time = clock.advanced(wallSeconds: wallSeconds) else { return false }
        return moveTo(time)
    }

    /// Jumps to `time` (clamped to the recording). Returns true when the fleet state changed.
    @discardableResult
    public mutating func seek(to time: Date) -> Bool {
        moveTo(time)
    }

    @discardableResult
    public mutating func seek(by seconds: TimeInterval) -> Bool {
        moveTo(position.addingTimeInterval(seconds))
    }

    public mutating func togglePause() { clock.paused.toggle() }
    public mutating func setPaused(_ value: Bool) { clock.paused = value }
    public mutating func slower() { clock.slower() }
    public mutating func faster() { clock.faster() }
    public mutating func setSpeed(_ value: Double) { clock.setSpeed(value) }

    private mutating func moveTo(_ time: Date) -> Bool {
        clock.move(to: time)
        let target = timeline.index(at: position)
        if target == applied { return false }
        if target > applied, target - applied < timeline.checkpointStride {
            timeline.apply(from: applied, to: target, into: &state)
        } else {
            state = timeline.state(after: target)
        }
        applied = target
        return true
    }
}
