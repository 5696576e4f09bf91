import FleetCore
import Foundation
import Synchronization
import Testing
@testable import FleetSources

/// A source that records when it was polled, returns one datapoint per poll, and fails on demand.
actor FakeSource: MetricSource {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    nonisolated let name: String
    nonisolated let key: MetricKey
    private(set) var polls: [Date] = []
    private var failure: String?
    /// How old the datapoint it returns is.
    private var dataLag: TimeInterval

    init(_ name: String, dataLag: TimeInterval = 0) {
        self.name = name
        self.key = MetricKey(namespace: "Test", name: name, statistic: "Sum")
        self.dataLag = dataLag
    }

    func fail(with message: String?) { failure = message }
    func lag(_ seconds: TimeInterval) { dataLag = seconds }

    func poll(now: Date) async throws -> FleetUpdate {
        polls.append(now)
        if let failure { throw Failure(description: failure) }
        let point = Datapoint(time: now.addingTimeInterval(-dataLag), value: Double(polls.count))
        return FleetUpdate(time: now, metrics: [.init(key: key, unit: "Count", points: [point])],
                           status: SourceStatus(name: name, detail: "fake \(name)"))
    }
}

@Suite("Poller")
struct PollerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func at(_ s: TimeInterval) -> Date { t0.addingTimeInterval(s) }

    @Test func pollsEachSourceAtItsOwnInterval() async {
        let fast = FakeSource("fast"), slow = FakeSource("slow")
        let poller = Poller(state: FleetState(time: t0, fleet: .erato),
                            sources: [ScheduledSource(fast, every: 10), ScheduledSource(slow, every: 30)])
        for s in stride(from: 0.0, through: 60, by: 5) { await poller.pollOnce(now: at(s)) }
        #expect(await fast.polls == [0, 10, 20, 30, 40, 50, 60].map(at))
        #expect(await slow.polls == [0, 30, 60].map(at))
        #expect(await poller.nextPoll == at(70))
        let state = await poller.state
        #expect(state.series[fast.key]?.count == 7)
        #expect(state.series[slow.key]?.count == 3)
        #expect(state.sources.map(\.name) == ["fast", "slow"])
        #expect(state.sources.allSatisfy { $0.health == .ok && $0.lastSuccess == at(60) })
        #expect(state.sources.first?.detail == "fake fast")
    }

    @Test func aFailingSourceKeepsItsLastDataAndReportsTheError() async {
        let flaky = FakeSource("flaky"), good = FakeSource("good")
        let poller = Poller(state: FleetState(time: t0, fleet: .erato),
                            sources: [ScheduledSource(flaky, every: 10), ScheduledSource(good, every: 10)])
        await poller.pollOnce(now: at(0))
        await flaky.fail(with: "connection refused\nby peer")
        await poller.pollOnce(now: at(10))
        await poller.pollOnce(now: at(20))

        var state = await poller.state
        let status = state.sources.first { $0.name == "flaky" }
        #expect(status?.health == .error)
        #expect(status?.lastError == "connection refused by peer")
        #expect(status?.lastSuccess == at(0))
        #expect(state.series[flaky.key]?.points.map(\.value) == [1])  // the last good data stays
        #expect(state.series[good.key]?.count == 3)  // the other source goes on
        #expect(state.sources.first { $0.name == "good" }?.health == .ok)

        await flaky.fail(with: nil)
        await poller.pollOnce(now: at(30))
        state = await poller.state
        #expect(state.sources.first { $0.name == "flaky" }?.health == .ok)
        #expect(state.sources.first { $0.name == "flaky" }?.lastError == nil)
        #expect(state.series[flaky.key]?.count == 2)
    }

    @Test func oldDataMarksASourceStale() async {
        let late = FakeSource("late", dataLag: 400)
        let poller = Poller(state: FleetState(time: t0, fleet: .erato),
                            sources: [ScheduledSource(late, every: 10, staleAfter: 300)])
        await poller.pollOnce(now: at(0))
        #expect(await poller.status(of: "late")?.health == .stale)
        await late.lag(5)
        await poller.pollOnce(now: at(10))
        #expect(await poller.status(of: "late")?.health == .ok)
        #expect(await poller.status(of: "late")?.newestData == at(5))
    }

    @Test func aSourceNotPolledForLongGoesStale() async {
        let rare = FakeSource("rare")
        let poller = Poller(state: FleetState(time: t0, fleet: .erato),
                            sources: [ScheduledSource(rare, every: 1000, staleAfter: 300)])
        #expect(await poller.pollOnce(now: at(0)))
        #expect(await poller.status(of: "rare")?.health == .ok)
        #expect(await poller.pollOnce(now: at(200)) == false)  // nothing due, nothing changed
        #expect(await poller.pollOnce(now: at(301)))
        #expect(await poller.status(of: "rare")?.health == .stale)
        #expect(await rare.polls.count == 1)
    }

    @Test("snapshots: the poller runs while the stream is read and yields the state after each change")
    func snapshotsStream() async throws {
        let source = FakeSource("tick")
        let poller = Poller(state: FleetState(time: t0, fleet: .erato),
                            sources: [ScheduledSource(source, every: 0.02)])
        var seen: [FleetState] = []
        for await state in poller.snapshots() {
            seen.append(state)
            if seen.count == 3 { break }
        }
        #expect(seen.count == 3)
        #expect(await source.polls.count >= 3)
        let counts = seen.map { $0.series[source.key]?.count ?? 0 }
        #expect(counts.first == 1)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 < $1 })  // each a newer state
    }
}
