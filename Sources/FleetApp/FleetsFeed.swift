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
    /// As ``start(deliver:change:)``, with the states of fleets stepped together (a
    /// ``PollerDriver`` round) handed over together: the reader need be woken once a round.
    func start(deliverRounds: @escaping @Sendable (PollerDriver.Round) -> Void,
               change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void
}

extension FleetsFeed {
    public func start(deliver: @escaping @Sendable (Int, FleetState) -> Void,
                      change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        start(deliver: deliver)
    }

    /// Each state a round of its own.
    public func start(deliverRounds: @escaping @Sendable (PollerDriver.Round) -> Void,
                      change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        start(deliver: { deliverRounds([($0, $1)]) }, change: change)
    }
}

/// A poller per fleet: those whose sources all answer at once (the simulator) stepped in turn by one
/// ``PollerDriver``, every other in a task of its own, on the continuous clock.
public struct PollersFeed: FleetsFeed {
    public let pollers: [Poller]

    public init(_ pollers: [Poller]) {
        self.pollers = pollers
    }

    public func start(deliver: @escaping @Sendable (Int, FleetState) -> Void) -> @Sendable () -> Void {
        start(deliverRounds: { for (index, state) in $0 { deliver(index, state) } }, change: { _ in })
    }

    public func start(deliverRounds: @escaping @Sendable (PollerDriver.Round) -> Void,
                      change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        let running = RunningPollers(deliver: deliverRounds)
        for (index, poller) in pollers.enumerated() { running.start(poller, id: index) }
        return { running.stopAll() }
    }

    /// One fleet's poller in a task of its own, delivering under `id`. Aligned: the pollers of several
    /// fleets wake together (once a second at the default refresh), not 200 times a second each on its own.
    static func task(_ poller: Poller, id: Int, deliver: @escaping @Sendable (PollerDriver.Round) -> Void) -> Task<Void, Never> {
        Task.detached { await poller.run(clock: ContinuousClock(), aligned: true) { deliver([(id, $0)]) } }
    }
}

/// Running pollers by fleet id: those whose sources all answer at once in one ``PollerDriver``
/// (started with its first such poller), every other in a task of its own (``PollersFeed/task``).
final class RunningPollers: Sendable {
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let driver: PollerDriver
    private let deliver: @Sendable (PollerDriver.Round) -> Void

    init(deliver: @escaping @Sendable (PollerDriver.Round) -> Void) {
        self.deliver = deliver
        self.driver = PollerDriver(deliver: deliver)
    }

    func start(_ poller: Poller, id: Int) {
        if poller.answersAtOnce {
            tasks.withLock { $0.removeValue(forKey: id) }?.cancel()
            driver.add(poller, id: id)
        } else {
            driver.remove(id: id)
            let task = PollersFeed.task(poller, id: id, deliver: deliver)
            tasks.withLock { $0[id]?.cancel(); $0[id] = task }
        }
    }

    func stop(id: Int) {
        driver.remove(id: id)
        tasks.withLock { $0.removeValue(forKey: id) }?.cancel()
    }

    func stopAll() {
        driver.stop()
        for task in tasks.withLock({ t in defer { t.removeAll() }; return Array(t.values) }) { task.cancel() }
    }

    /// The pollers running, in the driver or in tasks of their own.
    var count: Int { driver.count + tasks.withLock { $0.count } }
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

    /// A round of several fleets' states (``PollerDriver/Round``): true when the mailbox was empty.
    @discardableResult
    public func put(_ round: PollerDriver.Round) -> Bool {
        slots.withLock { slots in
            let wasEmpty = slots.isEmpty
            for (index, state) in round { slots[index] = state }
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
