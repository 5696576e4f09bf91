import FleetCore
import Foundation
@testable import FleetProbes
import ProbeTargets
import Testing

@Suite("Probe source: schedule, rounds, series, status", .serialized, .integration)
struct ProbeSourceTests {
    @Test("instances, per-AZ and fleet series one point per round at the round's start, p50/p99 in the detail")
    func feedsTheFleetState() async throws {
        let ok = try await ProbeTestServer.start(.status(200))
        let bad = try await ProbeTestServer.start(.status(503))
        let targets = [
            ProbeTarget(id: "i-a1", zone: "us-east-1a", url: ok.url(), settings: .fastTest()),
            ProbeTarget(id: "i-a2", zone: "us-east-1a", url: bad.url(), settings: .fastTest()),
            ProbeTarget(id: "i-b1", zone: "us-east-1b", url: ok.url(), settings: .fastTest()),
        ]
        let source = ProbeSource(targets: targets, fleet: .erato, spread: false)
        let run = try await ProbeDrive.rounds(source, 3)
        await source.shutdown()
        await ok.stop()
        await bad.stop()

        var state = FleetState(time: ProbeDrive.t0, fleet: .erato)
        for update in run.updates { state.apply(update) }
        let instances = Dictionary(uniqueKeysWithValues: state.instances.map { ($0.id, $0) })
        #expect(instances["i-a1"]?.health == .healthy && instances["i-a1"]?.reason == nil)
        #expect(instances["i-a2"]?.health == .unhealthy && instances["i-a2"]?.reason == "Target.ResponseCodeMismatch")
        #expect(instances.values.allSatisfy { $0.lifecycle == .inService && ($0.latency ?? -1) >= 0 })

        let fleet = FleetInfo.erato
        let times = (0..<3).map { ProbeDrive.t0.addingTimeInterval(Double($0)) }
        func points(_ m: PanelMetric, _ zone: String?) -> [Double] {
            times.compactMap { state.series[m.key(fleet: fleet, zone: zone)]?.value(at: $0) }
        }
        // Round 1: i-a2 still initial (threshold 2); round 2 on it is unhealthy.
        #expect(points(.healthyHosts, nil) == [2, 2, 2])
        #expect(points(.unhealthyHosts, nil) == [0, 1, 1])
        #expect(points(.healthyHosts, "us-east-1a") == [1, 1, 1])
        #expect(points(.unhealthyHosts, "us-east-1a") == [0, 1, 1])
        #expect(points(.healthyHosts, "us-east-1b") == [1, 1, 1])
        #expect(state.series[PanelMetric.healthyHosts.key(fleet: fleet, zone: "us-east-1c")] == nil)
        #expect(state.series[PanelMetric.healthyHosts.key(fleet: fleet)]?.period == 1)

        let detail = try #require(run.updates.last?.status?.detail)
        #expect(detail.hasPrefix("probe 3 targets p50 ") && detail.contains(" p99 "), "\(detail)")

        // Health changes from each target's TargetHealthMachine, and each target's check times.
        let health = state.events.events.filter { $0.kind == .health }
        #expect(health.filter { $0.instance == "i-a2" }.map(\.text) == ["initial → unhealthy (Target.ResponseCodeMismatch)"])
        #expect(health.filter { $0.instance == "i-a1" }.map(\.text) == ["initial → healthy"])
        #expect(health.first { $0.instance == "i-b1" }?.zone == "us-east-1b")
        for id in ["i-a1", "i-a2", "i-b1"] {
            #expect((state.series[.probeLatency(instance: id)]?.count ?? 0) >= 3, "\(id)")
        }
    }

    @Test("first checks are spread over the interval by id hash, not all at once")
    func spread() async throws {
        let server = try await ProbeTestServer.start(.status(200))
        let settings = ProbeSettings(interval: 10, timeout: 1)
        let targets = (0..<40).map { ProbeTarget(id: "i-\($0)", zone: "us-east-1a", url: server.url(), settings: settings) }
        let source = ProbeSource(targets: targets)
        let t0 = ProbeDrive.t0
        _ = try await source.poll(now: t0)
        try await Task.sleep(for: .milliseconds(200))
        let atStart = server.requests
        _ = try await source.poll(now: t0.addingTimeInterval(5))
        try await Task.sleep(for: .milliseconds(200))
        let atHalf = server.requests
        _ = try await source.poll(now: t0.addingTimeInterval(9.99))
        try await Task.sleep(for: .milliseconds(200))
        let atEnd = server.requests
        await source.shutdown()
        await server.stop()

        // Target i's first check is at hash(id) mod 40 × 10 s / 40.
        func due(by seconds: Double) -> Int {
            targets.filter { Double(ProbeSource.stableHash($0.id) % 40) * 10 / 40 <= seconds }.count
        }
        #expect(atStart == due(by: 0) && atStart <= 4, "\(atStart) of 40 checked at once")
        #expect(atHalf == due(by: 5) && atHalf >= 10 && atHalf <= 30, "\(atHalf) of 40 in the first half")
        #expect(atEnd == 40)
        // FNV-1a, not Swift's seeded hashValue: the same id gets the same offset in every run.
        #expect(ProbeSource.stableHash("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test("a target that hangs does not hold up the others' results")
    func slowTargetDoesNotDelayOthers() async throws {
        let ok = try await ProbeTestServer.start(.status(200))
        let hang = try await ProbeTestServer.start(.hang)
        let slow = ProbeSettings.fastTest(timeout: 3)
        var targets = (0..<20).map { ProbeTarget(id: "ok-\($0)", zone: "us-east-1a", url: ok.url(), settings: .fastTest()) }
        targets += (0..<3).map { ProbeTarget(id: "hang-\($0)", zone: "us-east-1b", url: hang.url(), settings: slow) }
        let source = ProbeSource(targets: targets, concurrency: 8, spread: false)
        let clock = ContinuousClock()
        let begin = clock.now
        var instances: [Instance] = []
        _ = try await source.poll(now: ProbeDrive.t0)
        while clock.now - begin < .seconds(2) {
            if let i = try await source.poll(now: ProbeDrive.t0).instances { instances = i }
            if instances.filter({ $0.id.hasPrefix("ok-") && $0.health == .healthy }).count == 20 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let waited = clock.now - begin
        await source.shutdown()
        let shutDownAfter = clock.now - begin
        await ok.stop()
        await hang.stop()
        #expect(instances.filter { $0.id.hasPrefix("ok-") && $0.health == .healthy }.count == 20)
        #expect(waited < .seconds(1), "the quick targets' results took \(waited)")
        // Shutting down cancels the hanging checks instead of waiting out their 3 s timeout.
        #expect(shutDownAfter < .seconds(2), "shutdown took until \(shutDownAfter)")
    }
}
