import FleetCore
import Foundation
import Testing
@testable import FleetSources

/// `Poller.run(aligned: true)` (a poller per fleet): wake-ups on one wall-clock grid, half-way
/// between whole seconds at a 1 s refresh, and a poll that woke for a grid instant polls at it.
@Suite("Poller alignment")
struct PollerAlignmentTests {
    func t(_ s: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + s) }

    @Test func gridPointsFallHalfWayBetweenWholeSeconds() {
        #expect(Poller.gridPoint(atOrAfter: t(0), grid: 1) == t(0.5))
        #expect(Poller.gridPoint(atOrAfter: t(0.5), grid: 1) == t(0.5))
        #expect(Poller.gridPoint(atOrAfter: t(0.51), grid: 1) == t(1.5))
        #expect(Poller.gridPoint(atOrAfter: t(3.2), grid: 0.5) == t(3.25))
    }

    @Test func aWakeUpJustAfterAGridInstantPollsAtIt() {
        #expect(Poller.snap(t(1.503), grid: 1) == t(1.5))
        #expect(Poller.snap(t(1.5), grid: 1) == t(1.5))
        #expect(Poller.snap(t(1.74), grid: 1) == t(1.5))
        #expect(Poller.snap(t(1.8), grid: 1) == nil)   // not a wake-up for a grid instant
        #expect(Poller.snap(t(1.499), grid: 1) == nil)  // early: it polls at its own time (and waits)
    }

    @Test func theGridIsTheShortestIntervalAtMostASecond() async {
        let fast = FakeSource("fast"), slow = FakeSource("slow")
        let poller = Poller(state: FleetState(time: t(0), fleet: .erato),
                            sources: [ScheduledSource(fast, every: 0.5), ScheduledSource(slow, every: 30)])
        #expect(poller.alignmentGrid == 0.5)
        #expect(Poller(state: FleetState(time: t(0), fleet: .erato), sources: [ScheduledSource(slow, every: 30)])
            .alignmentGrid == 1)
    }
}
