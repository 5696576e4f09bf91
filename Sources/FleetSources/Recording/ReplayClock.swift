import Foundation

/// The replay clock: a position in recording time between `start` and `end`, a speed and a pause.
/// ``ReplayPlayer`` (one fleet) and ``FleetsReplayPlayer`` (several, on one clock) move it; neither
/// reads a clock of its own.
public struct ReplayClock: Sendable, Hashable {
    /// The speeds `[` and `]` step through.
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600]

    public let start: Date
    public let end: Date
    /// Between ``start`` and ``end``.
    public private(set) var position: Date
    public private(set) var speed: Double
    public var paused = false

    public init(start: Date, end: Date, speed: Double = 1) {
        self.start = start
        self.end = max(start, end)
        self.speed = speed
        position = start
    }

    public var elapsed: TimeInterval { position.timeIntervalSince(start) }
    public var duration: TimeInterval { end.timeIntervalSince(start) }
    public var atEnd: Bool { position >= end }

    /// Seconds of recording one `←`/`→` moves: a minute, times a tenth of the speed above ×10
    /// (×60: 6 minutes, ×600: an hour).
    public var seekStep: TimeInterval { 60 * max(1, (speed / 10).rounded(.down)) }

    /// Where `wallSeconds` of wall time at this speed takes the clock; nil when it does not move
    /// (paused, no time passed, at the end).
    public func advanced(wallSeconds: TimeInterval) -> Date? {
        guard !paused, wallSeconds > 0, position < end else { return nil }
        return position.addingTimeInterval(wallSeconds * speed)
    }

    /// Moves to `time`, clamped to the recording.
    public mutating func move(to time: Date) {
        position = min(max(time, start), end)
    }

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
}

/// A player driven by a ``ReplayClock`` (one fleet's or several fleets'): what it says of its clock.
public protocol ReplayClocked {
    var clock: ReplayClock { get }
}

extension ReplayClocked {
    /// The recording clock now: between the recording's start and end.
    public var position: Date { clock.position }
    public var speed: Double { clock.speed }
    public var paused: Bool { clock.paused }
    public var start: Date { clock.start }
    public var end: Date { clock.end }
    public var elapsed: TimeInterval { clock.elapsed }
    public var duration: TimeInterval { clock.duration }
    public var atEnd: Bool { clock.atEnd }
    /// Seconds of recording one `←`/`→` moves (``ReplayClock/seekStep``).
    public var seekStep: TimeInterval { clock.seekStep }
}
