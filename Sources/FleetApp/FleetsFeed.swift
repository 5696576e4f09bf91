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
        let tasks = pollers.enumerated().map { index, poller in Self.task(poller, id: index, deliver: deliver) }
        return { for task in tasks { task.cancel() } }
    }

    /// One fleet's poller in a task of its own, delivering under `id`. Aligned: the pollers of several
    /// fleets wake together (once a second at the default refresh), not 200 times a second each on its own.
    static func task(_ poller: Poller, id: Int, deliver: @escaping @Sendable (Int, FleetState) -> Void) -> Task<Void, Never> {
        Task.detached { await poller.run(clock: ContinuousClock(), aligned: true) { deliver(id, $0) } }
    }
}

/// Hands the newest state of each fleet from the pollers' tasks to the terminal thread; a state
/// that arrives before the fleet's previous one was taken replaces it. Changes to the set of fleets
/// come through it too: the states of a fleet a change adds or removes are held back until the
/// change has been taken (then a new fleet's go to its row, a removed one's are dropped).
public final class FleetsMailbox: Sendable {
    private let slots = Mutex<[Int: FleetState]>([:])
    /// Changes not yet taken, and the ids they add or remove (whose states wait for them).
    private let changes = Mutex<(pending: [FleetSetChange], waiting: Set<Int>)>(([], []))

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

    /// Every fleet's state that arrived since the last call, by index (ascending), but those of
    /// fleets added or removed by a change not taken yet.
    public func takeAll() -> [(index: Int, state: FleetState)] {
        // Both locks, in this order (``put(_:)-(FleetSetChange)`` takes only the first): a change and
        // the states that follow it are never split.
        changes.withLock { changes in
            slots.withLock { slots in
                let taken = slots.filter { !changes.waiting.contains($0.key) }
                for index in taken.keys { slots[index] = nil }
                return taken.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
        }
    }

    public func put(_ change: FleetSetChange) {
        changes.withLock {
            $0.pending.append(change)
            $0.waiting.formUnion(change.added.map(\.id) + change.removed)
        }
    }

    /// The changes to the set of fleets since the last call, in order; the states held back for them
    /// are taken by the next ``takeAll()``.
    public func takeChanges() -> [FleetSetChange] {
        changes.withLock { changes in
            defer { changes = ([], []) }
            return changes.pending
        }
    }
}
