import Foundation
import Synchronization

/// Runs health checks in the background so that a slow target never holds up the others.
///
/// ``submit(_:)`` queues a check and returns at once; a background task starts queued checks as
/// child tasks of one task group, at most `concurrency` at a time, and each finished check lands
/// in an inbox that ``drain()`` empties. The owner (``ProbeSource``) submits what is due and
/// drains what is done on every poll, so a check that hangs for its whole timeout delays only
/// itself. A hanging check holds one of the `concurrency` places until its hard deadline.
final class ProbeRunner: Sendable {
    private let jobs: AsyncStream<ProbeTarget>.Continuation
    private let inbox: Inbox
    private let worker: Task<Void, Never>
    let prober: HTTPProber

    init(prober: HTTPProber, concurrency: Int) {
        precondition(concurrency >= 1, "concurrency must be at least 1")
        self.prober = prober
        let (stream, continuation) = AsyncStream.makeStream(of: ProbeTarget.self)
        jobs = continuation
        let inbox = Inbox()
        self.inbox = inbox
        worker = Task {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await target in stream {
                    // `running` also counts finished checks not yet collected: next() collects
                    // one (waiting only if every place is busy), so the group stays bounded.
                    while running >= concurrency, await group.next() != nil { running -= 1 }
                    if Task.isCancelled { break }
                    group.addTask {
                        let result = await prober.probe(target)
                        inbox.results.withLock { $0.append(result) }
                    }
                    running += 1
                }
                group.cancelAll()
            }
        }
    }

    deinit {
        jobs.finish()
        worker.cancel()
    }

    /// Finished checks, shared by the check tasks and the owner.
    final class Inbox: Sendable {
        let results = Mutex<[ProbeResult]>([])
    }

    /// Queues one check.
    func submit(_ target: ProbeTarget) {
        jobs.yield(target)
    }

    /// The checks finished since the last call, in the order they finished.
    func drain() -> [ProbeResult] {
        inbox.results.withLock { results in
            let out = results
            results = []
            return out
        }
    }

    /// Stops taking checks, cancels those under way, waits for them, and shuts the client down.
    func shutdown() async {
        jobs.finish()
        worker.cancel()
        await worker.value
        await prober.shutdown()
    }
}
