import Foundation
import Testing
@testable import FleetCloudWatch

/// When a shared request round leaves: the pure rule with times handed in, and the batcher on a
/// manual clock (no wall-clock waits).
@Suite("Request rounds")
struct RoundGatheringTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_618_000)
    static func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

    @Test func roundLeavesWhenEveryRegisteredMemberHasAsked() {
        var g = RoundGathering<String>(gather: 2)
        for m in ["a", "b", "c"] { g.register(m, interval: 60) }
        #expect(g.ask("a", at: Self.at(0)) == .wait(until: Self.at(2)))
        #expect(g.ask("b", at: Self.at(0.3)) == .wait(until: Self.at(2)))
        #expect(g.ask("c", at: Self.at(0.5)) == .send(["a", "b", "c"]))
        #expect(g.open == nil)
        // Next refresh: all three are due again, so the round waits for all three again.
        #expect(g.ask("b", at: Self.at(60.1)) == .wait(until: Self.at(62.1)))
        #expect(g.ask("a", at: Self.at(60.2)) == .wait(until: Self.at(62.1)))
        #expect(g.ask("c", at: Self.at(60.4)) == .send(["b", "a", "c"]))
    }

    @Test func deadlineSendsWithoutTheStragglerAndAnIdleMemberIsNoLongerAwaited() {
        var g = RoundGathering<String>(gather: 2, idleAfter: 2)
        g.register("a", interval: 60)
        g.register("b", interval: 60)
        _ = g.ask("a", at: Self.at(0))
        let first = g.open?.number ?? -1
        #expect(g.deadline(round: first, at: Self.at(2)) == ["a"])
        #expect(g.deadline(round: first, at: Self.at(3)) == nil)  // already sent
        // b asks late: a round of its own (a is not due until 60 s).
        #expect(g.ask("b", at: Self.at(5)) == .send(["b"]))
        // b misses two rounds in which it was expected…
        // (b asked at 5 s, so it is due at 65 s: not expected in the 60 s round; it misses 120 and 180)
        #expect(g.ask("a", at: Self.at(60)) == .send(["a"]))
        _ = g.ask("a", at: Self.at(120))
        #expect(g.expected(opened: Self.at(120)) == ["a", "b"])
        _ = g.deadline(round: g.open!.number, at: Self.at(122))
        _ = g.ask("a", at: Self.at(180))
        _ = g.deadline(round: g.open!.number, at: Self.at(182))
        // …so it is idle: a's round leaves at once.
        #expect(g.ask("a", at: Self.at(240)) == .send(["a"]))
        // Once b asks again it is awaited again.
        #expect(g.ask("b", at: Self.at(250)) == .send(["b"]))
        #expect(g.expected(opened: Self.at(310)) == ["a", "b"])
    }

    @Test func membersOnASlowerScheduleAreNotAwaitedBetweenTheirAsks() {
        var g = RoundGathering<String>(gather: 2)
        g.register("fast", interval: 60)
        g.register("slow", interval: 300)
        _ = g.ask("fast", at: Self.at(0))
        #expect(g.ask("slow", at: Self.at(0.1)) == .send(["fast", "slow"]))
        #expect(g.ask("fast", at: Self.at(60)) == .send(["fast"]))
        #expect(g.ask("fast", at: Self.at(240)) == .send(["fast"]))
        #expect(g.ask("fast", at: Self.at(300)) == .wait(until: Self.at(302)))
        #expect(g.ask("slow", at: Self.at(300.5)) == .send(["fast", "slow"]))
    }

    /// A manual clock: `sleep` parks until the test fires it.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var sleepers: [CheckedContinuation<Void, any Error>] = []
        private var time = RoundGatheringTests.t0
        var now: Date { lock.withLock { time } }
        var parked: Int { lock.withLock { sleepers.count } }
        func sleep(_ seconds: TimeInterval) async throws {
            try await withCheckedThrowingContinuation { c in lock.withLock { sleepers.append(c) } }
        }
        /// Moves the clock on and wakes every sleeper.
        func fire(advancing seconds: TimeInterval) {
            let woken = lock.withLock {
                time = time.addingTimeInterval(seconds)
                defer { sleepers = [] }
                return sleepers
            }
            for s in woken { s.resume() }
        }
    }

    final class Sent: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [[Int]] = []
        var value: [[Int]] { lock.withLock { calls } }
        func add(_ asks: [Int]) { lock.withLock { calls.append(asks) } }
    }

    @Test func batcherMakesOneCallForAllRegisteredMembers() async throws {
        let clock = ManualClock(), sent = Sent()
        let batcher = RequestBatcher<Int, Int>(gather: 2, now: { clock.now }, sleep: { try await clock.sleep($0) }) { asks in
            sent.add(asks)
            return asks.map { $0 * 10 }
        }
        let ids = (0..<3).map { _ in batcher.register(interval: 60) }
        async let a = batcher.ask(1, member: ids[0])
        async let b = batcher.ask(2, member: ids[1])
        async let c = batcher.ask(3, member: ids[2])
        let answers = try await [a, b, c]
        #expect(answers == [10, 20, 30])
        #expect(sent.value.count == 1)
        #expect(sent.value.first?.sorted() == [1, 2, 3])
        #expect(batcher.roundsSent == 1 && batcher.asksSent == 3)
    }

    @Test func batcherSendsAtTheDeadlineWithoutAMemberThatDoesNotAsk() async throws {
        let clock = ManualClock(), sent = Sent()
        let batcher = RequestBatcher<Int, Int>(gather: 2, now: { clock.now }, sleep: { try await clock.sleep($0) }) { asks in
            sent.add(asks)
            return asks
        }
        let a = batcher.register(interval: 60)
        _ = batcher.register(interval: 60)  // never asks
        let answer = Task { try await batcher.ask(7, member: a) }
        while clock.parked == 0 { await Task.yield() }  // the round's deadline timer is armed
        #expect(sent.value.isEmpty)
        clock.fire(advancing: 2)
        #expect(try await answer.value == 7)
        #expect(sent.value == [[7]])
    }

    @Test func aFailedCallFailsEveryAskOfItsRound() async throws {
        let batcher = RequestBatcher<Int, Int>(gather: 2, sleep: { _ in try await Task.sleep(nanoseconds: .max) }) { _ in
            throw AWSAPIError.throttled(service: "cloudwatch", operation: "GetMetricData", attempts: 4)
        }
        let ids = (0..<2).map { _ in batcher.register(interval: 60) }
        async let a = outcome { try await batcher.ask(1, member: ids[0]) }
        async let b = outcome { try await batcher.ask(2, member: ids[1]) }
        for r in await [a, b] {
            #expect(throws: AWSAPIError.self) { try r.get() }
        }
    }
}

func outcome<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
