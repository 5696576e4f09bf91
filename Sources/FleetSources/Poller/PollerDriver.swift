import FleetCore
import Foundation
import Synchronization

/// One task stepping many fleets' pollers in turn on the shared wall-clock grid
/// (``Poller/alignmentGrid``), instead of a task per fleet sleeping on a timer of its own: 200
/// simulated fleets wake the thread pool once a grid instant, and their changed states are handed
/// over together, a round at a time (the reader is woken once a round, not once a fleet).
///
/// Only for pollers whose sources all answer at once (``Poller/answersAtOnce``, the simulator): a
/// poll that waits would hold up every fleet stepped after it, and one that waits for a peer (a
/// `kind: cloudwatch` poll waits for its request round's other members) would deadlock on a peer
/// stepped later in the same round. Those keep a task of their own.
///
/// Each fleet behaves as its own ``Poller/run(clock:maxSleep:aligned:now:onSnapshot:)`` with
/// `aligned: true` does (the same ``Poller/step(maxSleep:aligned:now:)``, at the same grid instants): its
/// first turn at once, when added; then a turn at each wake-up its step asked for.
public final class PollerDriver: Sendable {
    /// Several fleets' changed states, by id, in id order.
    public typealias Round = [(index: Int, state: FleetState)]

    struct Member {
        let poller: Poller
        /// When its next turn is due; nil while its first turn is under way.
        var wake: Date?
    }

    private let members = Mutex<[Int: Member]>([:])
    private let loop = Mutex<Task<Void, Never>?>(nil)
    private let deliver: @Sendable (Round) -> Void
    private let maxSleep: Duration
    private let now: @Sendable () -> Date

    /// `deliver` gets each round's changed states (from the driver's task); `now` is the wall time.
    public init(maxSleep: Duration = .seconds(1), now: @escaping @Sendable () -> Date = { Date() },
                deliver: @escaping @Sendable (Round) -> Void) {
        self.maxSleep = maxSleep
        self.now = now
        self.deliver = deliver
    }

    /// Adds a fleet's poller under `id` (replacing any there) and starts the driver's task if it is
    /// not running: the poller's first turn runs at once, in a task of its own (as a poller started
    /// alone polls at once), the next ones in turn with the others.
    public func add(_ poller: Poller, id: Int) {
        enter(poller, id: id)
        Task.detached { await self.firstTurn(poller, id: id) }
        loop.withLock { task in
            if task == nil { task = Task.detached { await self.run(clock: ContinuousClock()) } }
        }
    }

    /// Makes `poller` a member under `id` and takes its first turn now (its state delivered alone);
    /// from then on ``round()`` steps it when due.
    public func join(_ poller: Poller, id: Int) async {
        enter(poller, id: id)
        await firstTurn(poller, id: id)
    }

    private func enter(_ poller: Poller, id: Int) {
        precondition(poller.answersAtOnce, "a poller whose sources may wait needs a task of its own")
        members.withLock { $0[id] = Member(poller: poller, wake: nil) }
    }

    private func firstTurn(_ poller: Poller, id: Int) async {
        guard isMember(poller, id: id) else { return }
        let turn = await poller.step(maxSleep: maxSleep, aligned: true, now: now)
        // Delivered before it is due for a next turn: a round's newer state never comes first.
        if isMember(poller, id: id), let state = turn.state { deliver([(id, state)]) }
        members.withLock { m in
            if m[id]?.poller === poller { m[id]!.wake = turn.wake }
        }
    }

    /// Stops stepping the poller under `id` (a state of a turn under way may still be delivered).
    public func remove(id: Int) {
        members.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// Stops the driver's task and removes every poller.
    public func stop() {
        loop.withLock { $0?.cancel(); $0 = nil }
        members.withLock { $0.removeAll() }
    }

    /// The pollers stepped.
    public var count: Int { members.withLock { $0.count } }

    private func isMember(_ poller: Poller, id: Int) -> Bool {
        members.withLock { $0[id]?.poller === poller }
    }

    /// Steps, in id order, every member due at `now()`; delivers their changed states as one round.
    /// Returns the earliest wake-up a member asked for (nil: no member has one).
    @discardableResult
    public func round() async -> Date? {
        let t = now()
        let due = members.withLock { m in
            m.compactMap { id, member in member.wake.map { $0 <= t } == true ? (id, member.poller) : nil }
        }.sorted { $0.0 < $1.0 }
        var changed: Round = []
        for (id, poller) in due {
            let turn = await poller.step(maxSleep: maxSleep, aligned: true, now: now)
            let current = members.withLock { m in
                guard m[id]?.poller === poller else { return false }
                m[id]!.wake = turn.wake
                return true
            }
            if current, let state = turn.state { changed.append((id, state)) }
        }
        if !changed.isEmpty { deliver(changed) }
        return members.withLock { $0.values.compactMap(\.wake).min() }
    }

    /// Rounds until the task is cancelled, sleeping on `clock` until the earliest wake-up, and at
    /// most until the next instant of the 1 s grid (a poller that joins meanwhile asks for one of
    /// those unless its grid is finer; such a poller waits at most that long for its second turn).
    public func run(clock: some Clock<Duration>) async {
        while !Task.isCancelled {
            let next = await round()
            let t = now()
            let cap = Poller.gridPoint(atOrAfter: t.addingTimeInterval(0.01), grid: 1)
            let seconds = max(0, min(next ?? cap, cap).timeIntervalSince(t))
            do { try await clock.sleep(for: .nanoseconds(Int64((seconds * 1e9).rounded(.up)))) } catch { return }
        }
    }
}
