import FleetCore
import Foundation

/// Plays a recording of several fleets on one replay clock: every fleet's state at the same position,
/// whatever the speed, pause or seek. Each fleet has a ``FleetReplayCursor`` (its lines decoded as the
/// clock reaches them, checkpoints as it passes); this player moves them together. Driven from outside,
/// like ``ReplayPlayer``.
public struct FleetsReplayPlayer: ReplayClocked, Sendable {
    public let recording: FleetsRecording
    /// Position, speed and pause, for all the fleets.
    public private(set) var clock: ReplayClock
    /// Each fleet's cursor, in the header's order.
    public private(set) var players: [FleetReplayCursor]

    public init(_ recording: FleetsRecording, speed: Double = 1, checkpointStride: Int = 250) {
        self.recording = recording
        clock = ReplayClock(start: recording.start, end: recording.end, speed: speed)
        players = recording.fleets.indices.map { FleetReplayCursor(recording, fleet: $0, checkpointStride: checkpointStride) }
        for i in players.indices { players[i].seek(to: clock.position) }
    }

    /// Every fleet's state at ``position``.
    public var states: [FleetState] { players.map(\.state) }
    public var accounts: [String?] { recording.accounts }

    /// Moves the clock on by `wallSeconds` × speed (not while paused; stops at the end). Returns the
    /// fleets whose state changed.
    @discardableResult
    public mutating func advance(wallSeconds: TimeInterval) -> [Int] {
        guard let time = clock.advanced(wallSeconds: wallSeconds) else { return [] }
        return moveTo(time)
    }

    /// Jumps to `time` (clamped to the recording). Returns the fleets whose state changed.
    @discardableResult
    public mutating func seek(to time: Date) -> [Int] {
        moveTo(time)
    }

    @discardableResult
    public mutating func seek(by seconds: TimeInterval) -> [Int] {
        moveTo(position.addingTimeInterval(seconds))
    }

    public mutating func togglePause() { clock.paused.toggle() }
    public mutating func setPaused(_ value: Bool) { clock.paused = value }
    public mutating func slower() { clock.slower() }
    public mutating func faster() { clock.faster() }
    public mutating func setSpeed(_ value: Double) { clock.setSpeed(value) }

    private mutating func moveTo(_ time: Date) -> [Int] {
        clock.move(to: time)
        var changed: [Int] = []
        for i in players.indices where players[i].seek(to: clock.position) {
            changed.append(i)
        }
        return changed
    }
}
