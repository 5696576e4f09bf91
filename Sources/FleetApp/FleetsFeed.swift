import FleetCore
import FleetDashboard
import FleetSources
import Synchronization

/// Several fleets' states, each arriving on its own schedule: `deliver` gets the fleet's index
/// (its place in the configuration) with the state.
public protocol FleetsFeed: Sendable {
    /// Starts delivering to `deliver` (from any thread); returns what stops it.
    func start(deliver: @escaping @Sendable (Int, FleetState) -> Void) -> @Sendable () -> Void
    /// Also delivers changes to the set of fleets (``FleetSetChange``: `deliver`'s index is then a
    /// stable id). A fixed set of fleets delivers none.
    func start(deliver: @escaping @Sendable (Int, FleetState) -> Void,
               change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void
}

extension FleetsFeed {
    public func start(deliver: @escaping @Sendable (Int, FleetState) -> Void,
                      change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        start(deliver: deliver)
    }
}

/// A poller per fleet, each in a task of its own, on the continuous clock.
public struct PollersFeed: FleetsFeed {
    public let pollers: [Poller]

    public init(_ pollers: [Poller]) {
        self.pollers = pollers
    }

    public func start(deliver: @escaping @Sendable (Int, FleetState) -> Void) -> @Sendable () -> Void {
        let tasks = pollers.enumerated().map { index, poller in
            Task.detached {
                await poller.run(clock: ContinuousClock()) { deliver(index, $0) }
            }
        }
        return { for task in tasks { task.cancel() } }
    }
}

/// Hands the newest state of each fleet from the pollers' tasks to the terminal thread; a state
/// that arrives before the fleet's previous one was taken replaces it.
public final class FleetsMailbox: Sendable {
    private let slots = Mutex<[Int: FleetState]>([:])
    private let changes = Mutex<[FleetSetChange]>([])

    public init() {}

    public func put(_ state: FleetState, at index: Int) {
        slots.withLock { $0[index] = state }
    }

    /// Every fleet's state that arrived since the last call, by index (ascending).
    public func takeAll() -> [(index: Int, state: FleetState)] {
        slots.withLock { slots in
            defer { slots.removeAll(keepingCapacity: true) }
            return slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    public func put(_ change: FleetSetChange) {
        changes.withLock { $0.append(change) }
    }

    /// The changes to the set of fleets and the states that arrived since the last call, taken
    /// together: a change put before a state (a new fleet, then its poller's first state) is
    /// never taken after it.
    public func takeChangesAndStates() -> (changes: [FleetSetChange], states: [(index: Int, state: FleetState)]) {
        changes.withLock { changes in
            defer { changes.removeAll() }
            return (changes, takeAll())
        }
    }
}
