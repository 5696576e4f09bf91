import Foundation

/// Gathers the asks of its members into rounds (``RoundGathering`` decides when a round leaves) and
/// makes ONE call per round with every ask in it; each member gets its own answer back. A failed
/// call fails every ask of its round. Used per region and account for GetMetricData and
/// DescribeAutoScalingGroups (``CloudWatchLink``).
///
/// A class with a lock rather than an actor so a source can join (``register(interval:)``) while
/// it is being made, before its first poll: the first round then waits for every fleet's source.
public final class RequestBatcher<Ask: Sendable, Answer: Sendable>: @unchecked Sendable {  // state behind `lock`
    /// Makes the round's call: one answer per ask, in the asks' order.
    public typealias Send = @Sendable ([Ask]) async throws -> [Answer]

    private let lock = NSLock()
    private var gathering: RoundGathering<Int>
    private var waiting: [Int: Entry] = [:]
    private var timers: [Int: Task<Void, Never>] = [:]
    private var nextMember = 0
    private let send: Send
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (TimeInterval) async throws -> Void

    /// What the batcher sent: rounds, and asks over all rounds (for the status line and tests).
    private var rounds = 0, asks = 0
    public var roundsSent: Int { lock.withLock { rounds } }
    public var asksSent: Int { lock.withLock { asks } }

    /// `gather`: seconds a round waits for its expected members; `now` and `sleep` are the clock
    /// (tests inject a manual one).
    public init(gather: TimeInterval = 2, now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) },
                send: @escaping Send) {
        self.gathering = RoundGathering(gather: gather)
        self.now = now
        self.sleep = sleep
        self.send = send
    }

    /// A new member that asks about every `interval` seconds; its id for ``ask(_:member:)``.
    public func register(interval: TimeInterval) -> Int {
        lock.withLock {
            nextMember += 1
            gathering.register(nextMember, interval: interval)
            return nextMember
        }
    }

    public func unregister(_ member: Int) {
        lock.withLock { gathering.unregister(member) }
    }

    public var members: Int { lock.withLock { gathering.registered } }

    /// Puts `ask` in the open round (opening one if needed) and waits for the round's answer.
    public func ask(_ ask: Ask, member: Int) async throws -> Answer {
        try await withCheckedThrowingContinuation { (reply: CheckedContinuation<Answer, any Error>) in
            let (earlier, batch) = lock.withLock { () -> (CheckedContinuation<Answer, any Error>?, [Entry]?) in
                let earlier = waiting[member]?.reply  // a member never has two asks out; the newer one wins
                waiting[member] = (ask, reply)
                switch gathering.ask(member, at: now()) {
                case .send(let members): return (earlier, take(members))
                case .wait(let until):
                    if let number = gathering.open?.number, timers[number] == nil { arm(round: number, until: until) }
                    return (earlier, nil)
                }
            }
            earlier?.resume(throwing: CancellationError())
            if let batch { dispatch(batch) }
        }
    }

    private typealias Entry = (ask: Ask, reply: CheckedContinuation<Answer, any Error>)

    /// Under the lock: a timer that ends round `number` at `until`.
    private func arm(round number: Int, until: Date) {
        let delay = until.timeIntervalSince(now())
        timers[number] = Task { [sleep] in
            do { try await sleep(delay) } catch { return }
            self.deadline(round: number)
        }
    }

    private func deadline(round number: Int) {
        let batch = lock.withLock { () -> [Entry]? in
            timers[number] = nil
            return gathering.deadline(round: number, at: now()).map(take)
        }
        if let batch { dispatch(batch) }
    }

    /// Under the lock: the waiting asks of `members`, counted as one round; timers of closed rounds stopped.
    private func take(_ members: [Int]) -> [Entry] {
        for (number, timer) in timers where gathering.open?.number != number {
            timer.cancel()
            timers[number] = nil
        }
        let batch = members.compactMap { m in waiting.removeValue(forKey: m) }
        if !batch.isEmpty {
            rounds += 1
            asks += batch.count
        }
        return batch
    }

    /// Sends the asks of one round as one call and answers each.
    private func dispatch(_ batch: [Entry]) {
        guard !batch.isEmpty else { return }
        let send = self.send
        Task {
            do {
                let answers = try await send(batch.map(\.ask))
                guard answers.count == batch.count else {
                    throw AWSAPIError.badResponse(service: "fleetwatch", operation: "batch",
                                                  detail: "\(answers.count) answers for \(batch.count) asks")
                }
                for (entry, answer) in zip(batch, answers) { entry.reply.resume(returning: answer) }
            } catch {
                for entry in batch { entry.reply.resume(throwing: error) }
            }
        }
    }
}
