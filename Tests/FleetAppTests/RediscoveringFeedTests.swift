import FleetCore
import FleetDashboard
import FleetSources
import Foundation
import Testing
@testable import FleetApp

/// What one discovery run's difference does to the pollers and what it tells the overview.
@Suite("Discovery run again: pollers and the change")
struct RediscoveringFeedTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func entry(_ group: String, lb: String = "alb") -> FleetEntry {
        FleetEntry(fleet: FleetInfo(name: group, region: "us-east-1", zones: ["us-east-1a"], loadBalancer: lb, autoScalingGroup: group),
                   targetGroup: "tg", sources: [])
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "fleets.yaml:3: sources[0]: no such kind" }
    }

    @Test func addedFleetsGetPollersAfterTheChangeRemovedOnesStopMovedOnesRestart() {
        var kept = DiscoveredFleets(fleets: [Self.entry("blue"), Self.entry("api")], listed: 0)
        let diff = kept.update(found: [Self.entry("api", lb: "alb-2"), Self.entry("green")])
        let running = RunningPollers(deliver: { _ in })
        let (set, start, failed) = RediscoveringFeed.apply(diff, stopping: running) {
            Poller(state: FleetState(time: Self.now, fleet: $0.fleet))
        }
        #expect(set.removed == [0])
        #expect(set.updated.map(\.id) == [1])
        #expect(set.updated.map(\.what) == ["load balancer alb-2"])
        #expect(set.added.map(\.id) == [2])
        #expect(set.added.map(\.state.fleet.name) == ["green"])
        #expect(set.problem == nil)
        // Pollers for the moved and the new fleet, started by the caller once the change is out.
        #expect(start.map(\.0) == [1, 2])
        #expect(failed.isEmpty)
    }

    @Test func aFleetWhosePollerCannotBeMadeIsLeftOutAndSaid() {
        var kept = DiscoveredFleets(fleets: [Self.entry("api")], listed: 0)
        let diff = kept.update(found: [Self.entry("api", lb: "alb-2"), Self.entry("green")])
        let (set, start, failed) = RediscoveringFeed.apply(diff, stopping: RunningPollers(deliver: { _ in })) { _ in throw Refused() }
        #expect(set.added.isEmpty && set.updated.isEmpty)
        #expect(set.removed == [0])
        #expect(start.isEmpty)
        #expect(failed == [0, 1])
        #expect(set.problem == "api: fleets.yaml:3: sources[0]: no such kind; green: fleets.yaml:3: sources[0]: no such kind")
        // Forgotten, the next run finds both as new.
        for id in failed { kept.forget(id) }
        #expect(kept.update(found: [Self.entry("api", lb: "alb-2"), Self.entry("green")]).added.map(\.entry.fleet.name) == ["api", "green"])
    }
}

/// The mailbox between the feed's tasks and the terminal thread, with fleets coming and going.
@Suite("Fleets mailbox: changes and the states that follow them")
struct FleetsMailboxTests {
    static func state(_ name: String) -> FleetState {
        FleetState(time: RediscoveringFeedTests.now, fleet: RediscoveringFeedTests.entry(name).fleet)
    }

    @Test func statesOfFleetsAChangeAddsOrRemovesWaitForTheChange() {
        let mailbox = FleetsMailbox()
        mailbox.put(Self.state("alpha"), at: 0)
        mailbox.put(Self.state("beta"), at: 1)
        mailbox.put(FleetSetChange(added: [.init(id: 2, state: Self.state("gamma"))], removed: [0]))
        mailbox.put(Self.state("gamma"), at: 2)
        // beta goes on; alpha (being removed) and gamma (being added) wait for the change.
        #expect(mailbox.takeAll().map(\.index) == [1])
        let changes = mailbox.takeChanges()
        #expect(changes.map(\.removed) == [[0]])
        #expect(mailbox.takeChanges().isEmpty)
        // Then they come: the overview puts gamma's on its new row and drops alpha's (an unknown id).
        #expect(mailbox.takeAll().map(\.index) == [0, 2])
        #expect(mailbox.takeAll().isEmpty)
    }
}

/// A source that waits for the other members of its round, as a `kind: cloudwatch` poll does: a
/// poll returns once `size` polls are waiting.
actor WaitingRound {
    let size: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(size: Int) { self.size = size }

    func arrive() async {
        await withCheckedContinuation { waiting.append($0); if waiting.count == size { release() } }
    }

    private func release() {
        for c in waiting { c.resume() }
        waiting = []
    }
}

struct WaitingSource: MetricSource {
    let name = "cloudwatch"
    let round: WaitingRound

    func poll(now: Date) async throws -> FleetUpdate {
        await round.arrive()
        return FleetUpdate(time: now, status: SourceStatus(name: name, detail: "waited"))
    }
}

/// Simulated fleets (stepped in turn by one driver) alongside fleets whose polls wait for one
/// another (two live CloudWatch fleets in one request round, each in a task of its own).
@Suite("Pollers feed: simulated and waiting fleets together")
struct MixedPollersFeedTests {
    @Test func everyFleetGoesOnDeliveringNoneWaitsForeverForAnother() async {
        let round = WaitingRound(size: 2)
        let now = Date()
        func poller(_ source: any MetricSource) -> Poller {
            Poller(state: FleetState(time: now, fleet: .erato), sources: [ScheduledSource(source, every: 1)])
        }
        func mock(_ seed: UInt64) -> Poller { poller(MockSource(scenario: .steady, seed: seed, start: now)) }
        let pollers = [mock(1), poller(WaitingSource(round: round)), mock(2), poller(WaitingSource(round: round))]
        #expect(pollers.map(\.answersAtOnce) == [true, false, true, false])

        let (rounds, sink) = AsyncStream.makeStream(of: PollerDriver.Round.self)
        let stop = PollersFeed(pollers).start(deliverRounds: { sink.yield($0) }, change: { _ in })
        // Not a timing assertion: only so that a deadlock fails the test instead of hanging it.
        let guardTask = Task { try? await Task.sleep(for: .seconds(60)); sink.finish() }
        var turns: [Int: Int] = [:]
        for await round in rounds {
            for (index, _) in round { turns[index, default: 0] += 1 }
            // A second turn each: the waiting fleets' second polls came in their own tasks' rounds.
            if turns.count == 4, turns.values.allSatisfy({ $0 >= 2 }) { break }
        }
        stop()
        guardTask.cancel()
        #expect(turns.keys.sorted() == [0, 1, 2, 3])
        #expect(turns.values.allSatisfy { $0 >= 2 })
    }

    @Test func runningPollersCountTheDrivenAndTheOwnTasks() {
        let now = Date()
        let running = RunningPollers(deliver: { _ in })
        let state = FleetState(time: now, fleet: .erato)
        running.start(Poller(state: state, sources: [ScheduledSource(MockSource(scenario: .steady, seed: 1, start: now), every: 1)]), id: 0)
        running.start(Poller(state: state, sources: [ScheduledSource(WaitingSource(round: WaitingRound(size: 9)), every: 1)]), id: 1)
        #expect(running.count == 2)
        running.stop(id: 0)
        #expect(running.count == 1)
        running.stopAll()
        #expect(running.count == 0)
    }
}
