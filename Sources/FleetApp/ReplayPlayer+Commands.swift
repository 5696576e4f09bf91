import FleetDashboard
import FleetSources

extension ReplayPlayer {
    /// What the header shows about the replay.
    public var status: ReplayStatus {
        ReplayStatus(elapsed: elapsed, duration: duration, speed: speed, paused: paused)
    }

    /// Applies a command from a key or a click. Returns true when the fleet state changed.
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
        case .stepBackward: return seek(by: -seekStep)
        case .stepForward: return seek(by: seekStep)
        case .toStart: return seek(to: start)
        case .toEnd: return seek(to: end)
        case .seek(let fraction): return seek(to: start.addingTimeInterval(duration * min(1, max(0, fraction))))
        }
    }
}
