import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// Where the dashboard's fleet states come from: a poller running live sources, or a replay.
enum DashboardFeed {
    /// Live sources. With `until`, the dashboard quits at that wall time (`record --duration`).
    case live(Poller, until: Date?)
    /// A recording, played by the dashboard loop's own clock.
    case replay(ReplayPlayer)
}

extension ReplayPlayer {
    /// What the header shows about the replay.
    var status: ReplayStatus {
        ReplayStatus(elapsed: elapsed, duration: duration, speed: speed, paused: paused)
    }

    /// Applies a command from a key. Returns true when the fleet state changed.
    @discardableResult
    mutating func apply(_ command: ReplayCommand) -> Bool {
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
        }
    }
}
