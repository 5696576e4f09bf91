import FleetCore
import Foundation
import Synchronization
import Testing
@testable import FleetSources

/// A clock for `Poller.run` and `PollerDriver.run` on a wall time of its own: a sleep moves the wall
/// time to its deadline at once (never the real clock), and one past `end` ends the run.
final class SteppedClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    struct Ended: Error {}

    let origin: Date
    let end: Date
    private let wall: Mutex<Date>

    init(at start: Date, end: Date) {
        origin = start
        self.end = end
        wall = Mutex(start)
    }

    /// The wall time (the `now` handed to the pollers).
    var date: Date { wall.withLock { $0 } }
    var now: Instant { Instant(offset: .nanoseconds(Int64((date.timeIntervalSince(origin) * 1e9).rounded()))) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let c = deadline.offset.components
        let target = origin.addingTimeInterval(Double(c.seconds) + Double(c.attoseconds) / 1e18)
        guard target <= end else { throw Ended() }
        wall.withLock { $0 = max($0, target) }
    }
}

/// The `now` of every update a poller merged (its observer, as the recorder's).
final class PollLog: Sendable {
    private let times = Mutex<[Date]>([])
    func append(_ t: Date) { times.withLock { $0.append(t) } }
    var all: [Date] { times.withLock { $0 } }
}

@Suite("Poller driver: simulated fleets stepped in turn by one task")
struct PollerDriverTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000.2)

    /// Fleets of the simulator, varied, each with an observer keeping every update's `now`.
    static func fleets(_ n: Int) -> (pollers: [Poller], seen: [PollLog]) {
        let scenarios = Scenario.allCases
        var pollers: [Poller] = []
        var seen: [PollLog] = []
        for i in 0..<n {
            let source = MockSource(scenario: scenarios[i % scenarios.count], seed: UInt64(7 + i),
                                    start: Fixture.afternoon, speed: 60, prefill: 600)
            let state = FleetState(time: Fixture.afternoon, fleet: .erato)
            pollers.append(Poller(state: state, sources: [ScheduledSource(source, every: 1)]))
            seen.append(PollLog())
        }
        return (pollers, seen)
    }

    static func observe(_ pollers: [Poller], into seen: [PollLog]) async {
        for (poller, log) in zip(pollers, seen) {
            await poller.observe { t, _ in log.append(t) }
        }
    }

    @Test func onlyPollersWhoseSourcesAllAnswerAtOnceMayBeDriven() {
        let mock = MockSource(scenario: .steady, seed: 1, start: Fixture.afternoon)
        let state = FleetState(time: Fixture.afternoon, fleet: .erato)
        #expect(mock.answersAtOnce)
        #expect(!FakeSource("files").answersAtOnce)  // the protocol's default
        #expect(Poller(state: state, sources: [ScheduledSource(mock, every: 1)]).answersAtOnce)
        #expect(!Poller(state: state, sources: [ScheduledSource(mock, every: 1), ScheduledSource(FakeSource("f"), every: 1)]).answersAtOnce)
        #expect(!Poller(state: state).answersAtOnce)
    }

    /// The same fleets, each poller run alone (`Poller.run`, aligned) and all of them stepped by one
    /// driver, on the same stepped wall clock: the same polls at the same instants, the same states.
    @Test func drivenFleetsMatchEachPollerRunAlone() async {
        let n = 5, end = Self.start.addingTimeInterval(150)
        let alone = Self.fleets(n)
        await Self.observe(alone.pollers, into: alone.seen)
        var aloneDelivered: [[FleetState]] = []
        for poller in alone.pollers {
            let clock = SteppedClock(at: Self.start, end: end)
            let states = Mutex<[FleetState]>([])
            await poller.run(clock: clock, aligned: true, now: { clock.date }) { s in states.withLock { $0.append(s) } }
            aloneDelivered.append(states.withLock { $0 })
        }

        let driven = Self.fleets(n)
        await Self.observe(driven.pollers, into: driven.seen)
        let clock = SteppedClock(at: Self.start, end: end)
        let rounds = Mutex<[PollerDriver.Round]>([])
        let driver = PollerDriver(now: { clock.date }) { round in rounds.withLock { $0.append(round) } }
        for (id, poller) in driven.pollers.enumerated() { await driver.join(poller, id: id) }
        await driver.run(clock: clock)

        let delivered = rounds.withLock { $0 }
        for id in 0..<n {
            let polls = driven.seen[id].all
            #expect(polls == alone.seen[id].all)
            #expect(polls.count >= 150)  // an update a poll (and any staleness change), 150 polls
            #expect(await driven.pollers[id].state == alone.pollers[id].state)
            #expect(delivered.flatMap { $0.filter { $0.index == id }.map(\.state) } == aloneDelivered[id])
        }
        // The first turns one fleet at a time (as each joined), then one round a grid instant.
        #expect(delivered.prefix(n).map { $0.map(\.index) } == (0..<n).map { [$0] })
        #expect(delivered.dropFirst(n).allSatisfy { $0.map(\.index) == Array(0..<n) })
        #expect(delivered.count == n + 149)
    }

    @Test func aRemovedOrReplacedPollerIsNoLongerStepped() async {
        let clock = SteppedClock(at: Self.start, end: Self.start.addingTimeInterval(10))
        let rounds = Mutex<[PollerDriver.Round]>([])
        let driver = PollerDriver(now: { clock.date }) { round in rounds.withLock { $0.append(round) } }
        let (pollers, _) = Self.fleets(3)
        for (id, poller) in pollers.enumerated() { await driver.join(poller, id: id) }
        driver.remove(id: 1)
        let (replacement, _) = Self.fleets(1)
        await driver.join(replacement[0], id: 2)
        #expect(driver.count == 2)
        let (removed, replaced) = (await pollers[1].state, await pollers[2].state)
        rounds.withLock { $0 = [] }
        try? await clock.sleep(until: clock.now.advanced(by: .milliseconds(1300)), tolerance: nil)  // the next grid instant
        await driver.round()
        #expect(rounds.withLock { $0.map { $0.map(\.index) } } == [[0, 2]])
        #expect(await pollers[1].state == removed)
        #expect(await pollers[2].state == replaced)
        driver.stop()
        #expect(driver.count == 0)
    }
}
