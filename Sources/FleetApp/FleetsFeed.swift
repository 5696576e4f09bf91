import FleetCore
import FleetSources
import Synchronization

/// Several fleets' states, each arriving on its own schedule: `deliver` gets the fleet's index
/// (its place in the configuration) with the state.
public protocol FleetsFeed: Sendable {
    /// Starts delivering to `deliver` (from any thread); returns what stops it.
    func start(deliver: @escaping @Sendable (Int, FleetState) -> Void) -> @Sendable () -> Void
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
                // Aligned: the pollers wake together (once a second at the default refresh), not 200
                // times a second each on its own.
                await poller.run(clock: ContinuousClock(), aligned: true) { deliver(index, $0) }
            }
        }
        return { for task in tasks { task.cancel() } }
    }
}

/// Hands the newest state of each fleet from the pollers' tasks to the terminal thread; a state
/// that arrives before the fleet's previous one was taken replaces it.
public final class FleetsMailbox: Sendable {
    private let slots = Mutex<[Int: FleetState]>([:])

    public init() {}

    /// Returns true when the mailbox was empty: only then need the reader be woken (a reader already
    /// woken takes this state with the others).
    @discardableResult
    public func put(_ state: FleetState, at index: Int) -> Bool {
        slots.withLock { slots in
            let wasEmpty = slots.isEmpty
            slots[index] = state
            return wasEmpty
        }
    }

    /// Every fleet's state that arrived since the last call, by index (ascending).
    public func takeAll() -> [(index: Int, state: FleetState)] {
        slots.withLock { slots in
            defer { slots.removeAll(keepingCapacity: true) }
            return slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }
}
