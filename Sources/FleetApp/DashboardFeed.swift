import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// Where the dashboard's fleet states come from: live sources, or a replay.
public enum DashboardFeed: Sendable {
    /// Live sources (``DashboardLoop/until`` ends them at a wall time: `record --duration`).
    case live(any LiveFeed)
    /// A recording, played by the dashboard loop's own clock.
    case replay(ReplayPlayer)
    /// Several fleets' live sources: the loop draws ``DashboardLoop/overview`` (which must be set).
    case fleets(any FleetsFeed)
    /// A recording of several fleets, played by the loop's own clock: the loop draws
    /// ``DashboardLoop/overview`` (which must be set), every fleet at the one replay position.
    case fleetsReplay(FleetsReplayPlayer)
}

/// Fleet states that arrive on their own schedule (a poller in a task).
public protocol LiveFeed: Sendable {
    /// Starts delivering states to `deliver` (from any thread); returns what stops it.
    func start(deliver: @escaping @Sendable (FleetState) -> Void) -> @Sendable () -> Void
}

/// A poller running its sources in a task of its own, on the continuous clock.
public struct PollerFeed: LiveFeed {
    public let poller: Poller

    public init(_ poller: Poller) {
        self.poller = poller
    }

    public func start(deliver: @escaping @Sendable (FleetState) -> Void) -> @Sendable () -> Void {
        let poller = poller
        let task = Task.detached {
            await poller.run(clock: ContinuousClock()) { deliver($0) }
        }
        return { task.cancel() }
    }
}
