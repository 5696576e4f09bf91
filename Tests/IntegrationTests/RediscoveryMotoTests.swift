import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import FleetTestSupport
import Foundation
import Synchronization
import Testing
@testable import FleetCloudWatch

/// `discover:` run again while fleetwatch runs, against moto_server (the fleets of
/// Tests/Fixtures/moto/seed-fleets.py, then Tests/Fixtures/moto/change-fleets.py): the
/// ``RediscoveringFeed`` with a real ``FleetDiscovery`` finds a tagged group created after the first
/// run, drops a deleted one and sees a group moved to another load balancer and target group; the
/// overview takes each change.
@Suite("Discovery run again against moto", .serialized, .integration)
struct RediscoveryMotoTests {
    @Test func aGroupCreatedLaterIsFoundAndADeletedOneDisappears() async throws {
        try await CloudWatchFleetsMotoTests.withSeededMoto { seeded in
            let settings = FleetDiscovery.Settings(regions: ["us-east-1", "eu-west-1"], tags: [("Application", "erato")],
                                                   profile: "prod", endpoint: AWSEndpoint(url: seeded.server.endpoint))
            let discovery = FleetDiscovery(settings: settings, environment: seeded.environment)
            let first = discovery.entries(try await discovery.find(), sources: [], alarms: nil)
            #expect(first.map(\.fleet.name) == ["checkout-asg", "search-asg", "checkout-eu-asg", "search-eu-asg"])

            // Each fleet's poller runs a simulated source: this test is about the set of fleets, not their data.
            let now = Date()
            @Sendable func poller(_ entry: FleetEntry) -> Poller {
                Poller(state: FleetState(time: now, fleet: entry.fleet),
                       sources: [ScheduledSource(MockSource(scenario: .steady, seed: 1, start: now, fleet: entry.fleet), every: 0.2)])
            }
            let runs = Counter()
            let feed = RediscoveringFeed(
                pollers: first.map(poller), discovered: DiscoveredFleets(fleets: first, listed: 0), every: 0.3,
                rediscover: {
                    runs.add()
                    return discovery.entries(try await discovery.find(), sources: [], alarms: nil)
                },
                makePoller: poller)
            let mailbox = FleetsMailbox()
            let stop = feed.start(deliver: { mailbox.put($1, at: $0) }, change: { mailbox.put($0) })
            defer { stop() }

            // A run with nothing changed changes nothing.
            try await Self.waitUntil { runs.value >= 2 }
            #expect(mailbox.takeChanges().isEmpty)

            let out = try seeded.server.seed(script: "moto/change-fleets.py",
                                             ["us-east-1", "billing", "search-asg", "eu-west-1", "checkout-eu-asg"])
            #expect((out["groups"] as? [String])?.contains("search-asg") == false)
            let dashboard = DashboardState(fleet: FleetState(time: now, fleet: first[0].fleet), now: now, width: 160, height: 48)
            var overview = OverviewState(fleets: first.map { FleetState(time: now, fleet: $0.fleet) }, dashboard: dashboard)
            var changes: [FleetSetChange] = []
            try await Self.waitUntil {
                changes += mailbox.takeChanges()
                // The script's steps are separate calls: a run may see some of them, the next run the rest.
                return !changes.flatMap(\.added).isEmpty && !changes.flatMap(\.removed).isEmpty
                    && !changes.flatMap(\.updated).isEmpty
            }
            for change in changes { overview.apply(change) }
            #expect(changes.allSatisfy { $0.problem == nil }, "\(changes.compactMap(\.problem))")
            #expect(changes.flatMap(\.added).map(\.state.fleet.name) == ["billing-asg"])
            #expect(changes.flatMap(\.added).map(\.id) == [4])
            #expect(changes.flatMap(\.removed) == [1])
            #expect(changes.flatMap(\.updated).map(\.fleet.name) == ["checkout-eu-asg"])
            #expect(changes.flatMap(\.updated).map(\.what) == ["load balancer checkout-eu-green-alb, target group checkout-eu-green-tg"])
            #expect(overview.summaries.map(\.name) == ["checkout-asg", "checkout-eu-asg", "search-eu-asg", "billing-asg"])
            #expect(overview.ids == [0, 2, 3, 4])
            #expect(overview.fleets[1].fleet.loadBalancer == "checkout-eu-green-alb")
            #expect(overview.fleets[3].fleet.region == "us-east-1")
            // The new fleet's poller runs: its states reach the mailbox under its id.
            try await Self.waitUntil { mailbox.takeAll().contains { $0.index == 4 } }
        }
    }

    /// Polls `condition` every 0.1 s for at most 30 s.
    static func waitUntil(_ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(30)
        while try !condition() {
            guard Date() < deadline else {
                Issue.record("timed out")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    final class Counter: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }
}
