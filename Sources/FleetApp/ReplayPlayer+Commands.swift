import FleetDashboard
import Foundation
import FleetSources

/// What a replay key can ask of a player of one fleet or of several: the replay commands act on
/// either the same way (``apply(_:)``).
public protocol ReplayControls: ReplayClocked {
    /// Returns true when a fleet's state changed.
    mutating func seekChanging(to time: Date) -> Bool
    mutating func togglePause()
    mutating func slower()
    mutating func faster()
}

extension ReplayControls {
    /// What the header shows about the replay.
    public var status: ReplayStatus {
        ReplayStatus(elapsed: clock.elapsed, duration: clock.duration, speed: clock.speed, paused: clock.paused)
    }

    /// Applies a command from a key or a click. Returns true when a fleet's state changed.
    @discardableResult
    public mutating func apply(_ command: ReplayCommand) -> Bool {
        switch command {
        case .togglePause:
            togglePause()
            return false
        case .slower:
            slower()
            return false
        case .faster:
            faster()
            return false
        case .stepBackward: return seekChanging(to: clock.position.addingTimeInterval(-seekStep))
        case .stepForward: return seekChanging(to: clock.position.addingTimeInterval(seekStep))
        case .toStart: return seekChanging(to: start)
        case .toEnd: return seekChanging(to: end)
        case .seek(let fraction): return seekChanging(to: start.addingTimeInterval(duration * min(1, max(0, fraction))))
        }
    }
}

extension ReplayPlayer: ReplayControls {
    public mutating func seekChanging(to time: Date) -> Bool { seek(to: time) }
}

extension FleetsReplayPlayer: ReplayControls {
    public mutating func seekChanging(to time: Date) -> Bool { !seek(to: time).isEmpty }
}
