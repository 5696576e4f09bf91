import FleetCore
@testable import FleetProbes
import ProbeTargets
import Testing

@Suite("Probe changes: what `fleetwatch probe` prints while it watches")
struct ProbeChangesTests {
    func target(_ id: String, _ state: TargetHealth, _ reason: String? = nil) -> ProbeReport.Target {
        ProbeReport.Target(id: id, zone: "us-east-1a", url: "http://\(id)/health", state: state, reason: reason,
                           lastStatus: nil, latencyMs: nil, detail: nil, insecure: false, checks: 1)
    }

    func report(_ targets: ProbeReport.Target...) -> ProbeReport { ProbeReport(targets: targets, zones: []) }

    @Test("every target counts as changed the first time, from nothing")
    func first() {
        var changes = ProbeChanges()
        let found = changes.changes(in: report(target("a", .initial, "Elb.InitialHealthChecking"), target("b", .initial)))
        #expect(found.map(\.target.id) == ["a", "b"])
        #expect(found.allSatisfy { $0.from == nil })
    }

    @Test("a change of state or of reason is a change, with the state before; the same report again is none")
    func stateAndReason() {
        var changes = ProbeChanges()
        _ = changes.changes(in: report(target("a", .initial), target("b", .healthy)))
        #expect(changes.changes(in: report(target("a", .initial), target("b", .healthy))).isEmpty)
        let turned = changes.changes(in: report(target("a", .unhealthy, "Target.Timeout"), target("b", .healthy)))
        #expect(turned == [ProbeChanges.Change(target: target("a", .unhealthy, "Target.Timeout"), from: .initial)])
        let reason = changes.changes(in: report(target("a", .unhealthy, "Target.ResponseCodeMismatch"), target("b", .healthy)))
        #expect(reason.map(\.from) == [.unhealthy])
        #expect(reason.map(\.target.reason) == ["Target.ResponseCodeMismatch"])
    }
}
