import Foundation
import ProbeTargets
import NIOCore
import Synchronization

/// Runs health checks in the background so that a slow target never holds up the others.
///
/// ``submit(_:)`` starts a check on an event loop at once (or queues it while `concurrency`
/// checks are under way) and returns; when a check finishes, its result lands in an inbox that
/// ``drain()`` empties and the next queued check starts, from the event loop, without a Swift
/// task per check. The owner (``ProbeSource``) submits what is due and drains what is done on
/// every poll, so a check that hangs for its whole timeout delays only itself. A hanging check
/// holds one of the `concurrency` places until its hard deadline.
final class ProbeRunner: Sendable {
    let prober: HTTPProber
    private let concurrency: Int
    private let state = Mutex(State())

    private struct State {
        var queue = CircularBuffer<ProbeTarget>()
        /// Places taken: checks under way, and checks about to start.
        var active = 0
        var running: [ObjectIdentifier: ProbeCheck] = [:]
        var results: [ProbeResult] = []
        var stopped = false
    }

    init(prober: HTTPProber, concurrency: Int) {
        precondition(concurrency >= 1, "concurrency must be at least 1")
        self.prober = prober
        self.concurrency = concurrency
    }

    /// Starts one check, or queues it while every place is taken.
    func submit(_ target: ProbeTarget) {
        let start = state.withLock { s in
            guard !s.stopped else { return false }
            guard s.active < concurrency else {
                s.queue.append(target)
                return false
            }
            s.active += 1
            return true
        }
        if start { launch(target) }
    }

    /// Starts a check that holds a place; when it ends, the place goes to the next queued check.
    private func launch(_ target: ProbeTarget) {
        let check = prober.start(target)
        let id = ObjectIdentifier(check)
        let stopped = state.withLock { s in
            if !s.stopped { s.running[id] = check }
            return s.stopped
        }
        if stopped { check.loop.execute { check.finish(.timeout) } }
        check.result.futureResult.whenSuccess { result in
            let next = self.state.withLock { s -> ProbeTarget? in
                s.running[id] = nil
                s.results.append(result)
                if !s.stopped, let next = s.queue.popFirst() { return next }
                s.active -= 1
                return nil
            }
            if let next { self.launch(next) }
        }
    }

    /// The checks finished since the last call, in the order they finished.
    func drain() -> [ProbeResult] {
        state.withLock { s in
            let out = s.results
            s.results = []
            return out
        }
    }

    /// Stops taking checks, drops the queued ones, ends those under way (as timeouts), waits for
    /// them, and shuts the prober down.
    func shutdown() async {
        let running = state.withLock { s in
            s.stopped = true
            s.queue.removeAll()
            return Array(s.running.values)
        }
        for check in running { check.loop.execute { check.finish(.timeout) } }
        for check in running { _ = try? await check.result.futureResult.get() }
        await prober.shutdown()
    }
}
