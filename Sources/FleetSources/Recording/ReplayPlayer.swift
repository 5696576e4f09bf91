import FleetCore
import Foundation

/// Plays a ``ReplayTimeline``: a replay clock (position in recording time, speed, pause) and the
/// fleet state at that position. Driven from outside: ``advance(wallSeconds:)`` as wall time passes,
/// the commands (pause, speed, seek) as keys arrive. No clock reads, no I/O.
public struct ReplayPlayer: Sendable {
    /// The speeds `[` and `]` step through.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600]

    public let timeline: ReplayTimeline
    /// The recording clock now: between the recording's start and end.
    public private(set) var position: Date
    public private(set) var speed: Double
    public private(set) var paused = false
    /// The fleet state at ``position``.
    public private(set) var state: FleetState
    /// Updates applied to `state` (the first `applied` of the recording).
    public private(set) var applied = 0

    public init(timeline: ReplayTimeline, speed: Double = 1) {
        self.timeline = timeline
        self.speed = speed
        position = timeline.start
        applied = timeline.index(at: timeline.start)
        state = timeline.state(after: applied)
    }

    public var start: Date { timeline.start }
    public var end: Date { timeline.end }
    public var elapsed: TimeInterval { position.timeIntervalSince(start) }
    public var duration: TimeInterval { end.timeIntervalSince(start) }
    public var atEnd: Bool { position >= end }

    /// Seconds of recording one `←`/`→` moves: a minute, times a tenth of the speed above ×10
    /// (×60: 6 minutes, ×600: an hour).
    public var seekStep: TimeInterval { 60 * max(1, (speed / 10).rounded(.down)) }

    /// Moves the clock on by `wallSeconds` of wall time × speed (not while paused; stops at the end).
    /// Returns true when the fleet state changed.
    @discardableResult
    public mutating func advance(wallSeconds: TimeInterval) -> Bool {
        guard !paused, wallSeconds > 0, position < end else { return false }
        return moveTo(position.addingTimeInterval(wallSeconds * speed))
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

    public mutating func togglePause() { paused.toggle() }
    public mutating func setPaused(_ value: Bool) { paused = value }

    public mutating func slower() {
        speed = Self.speeds.last { $0 < speed } ?? Self.speeds[0]
    }

    public mutating func faster() {
        speed = Self.speeds.first { $0 > speed } ?? Self.speeds[Self.speeds.count - 1]
    }

    public mutating func setSpeed(_ value: Double) {
        precondition(value > 0 && value.isFinite)
        speed = value
    }

    private mutating func moveTo(_ time: Date) -> Bool {
        position = min(max(time, start), end)
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
