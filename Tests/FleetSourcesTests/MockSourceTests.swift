import FleetCore
import Foundation
import Testing
@testable import FleetSources

@Suite("MockSource")
struct MockSourceTests {
    let wall = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func prefillGivesHistoryOnTheFirstPoll() async throws {
        let source = MockSource(scenario: .steady, seed: 1, start: Fixture.afternoon, prefill: 3600)
        let update = try await source.poll(now: wall)
        let cpu = update.metrics.first { $0.key == PanelMetric.cpu.key(fleet: Fixture.fleet) }
        #expect(cpu?.points.count == 60)
        #expect(cpu?.points.first?.time == Fixture.minute(-60))
        #expect(cpu?.points.last?.time == Fixture.minute(-1))
        #expect(update.time == Fixture.afternoon)
        #expect(update.instances?.count == 6)
        #expect(update.targets?.count == 2)
    }

    @Test func returnsOnlyNewDatapoints() async throws {
        let source = MockSource(scenario: .steady, seed: 1, start: Fixture.afternoon, prefill: 600)
        let first = try await source.poll(now: wall)
        #expect(!first.metrics.isEmpty)
        let again = try await source.poll(now: wall.addingTimeInterval(30))
        #expect(again.metrics.isEmpty)  // no minute finished in 30 s
        #expect(again.instances == nil)  // nor did any instance change: nil leaves the state's list
        #expect(again.alarms == nil && again.targets == nil)
        let later = try await source.poll(now: wall.addingTimeInterval(61))
        let cpu = later.metrics.first { $0.key == PanelMetric.cpu.key(fleet: Fixture.fleet) }
        #expect(cpu?.points.map(\.time) == [Fixture.afternoon])
    }

    @Test func speedScalesSimulatedTime() async throws {
        let source = MockSource(scenario: .azOutage, seed: 1, start: Fixture.afternoon, speed: 20)
        _ = try await source.poll(now: wall)
        let update = try await source.poll(now: wall.addingTimeInterval(30))  // 600 simulated seconds
        #expect(update.time == Fixture.minute(10))
        let cpu = update.metrics.first { $0.key == PanelMetric.cpu.key(fleet: Fixture.fleet) }
        #expect(cpu?.points.count == 10)
        #expect(update.status?.detail == "mock:az-outage ×20")
        #expect(update.status?.name == "mock")
        #expect(update.status?.newestData == Fixture.minute(9))
        #expect(MockSource(scenario: .steady, seed: 1, start: wall, speed: 2.5).detail == "mock:steady ×2.5")
    }

    @Test func matchesTheHeadlessRun() async throws {
        let source = MockSource(scenario: .badDeploy, seed: 4, start: Fixture.afternoon, speed: 60)
        var state = FleetState(time: Fixture.afternoon, fleet: Fixture.fleet)
        for s in stride(from: 0.0, through: 60, by: 1.5) {
            state.apply(try await source.poll(now: wall.addingTimeInterval(s)))
        }
        let headless = FleetSimulator.run(scenario: .badDeploy, seed: 4, start: Fixture.afternoon, for: 3600)
        #expect(state.series == headless.series)
        #expect(state.instances == headless.instances)
    }

    @Test("a poll with nothing new builds nothing: only the clock and the status")
    func nothingNewIsCheap() async throws {
        let source = MockSource(scenario: .steady, seed: 1, start: Fixture.afternoon, prefill: 600)
        _ = try await source.poll(now: wall)
        let idle = try await source.poll(now: wall.addingTimeInterval(1))  // within a 5-second step
        #expect(idle.metrics.isEmpty && idle.events.isEmpty)
        #expect(idle.instances == nil && idle.alarms == nil && idle.targets == nil)
        #expect(idle.time == Fixture.afternoon)
        #expect(idle.status?.detail == "mock:steady ×1")
    }
}
