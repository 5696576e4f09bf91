import FleetCore
import Foundation
@testable import FleetProbes
import ProbeTargets
import Testing

/// Health checks against real misbehaving servers on loopback: each fault ends in the ALB's state
/// and reason, within the hard deadline, without leaking connections, descriptors or memory.
@Suite("Probe faults against real loopback servers", .serialized, .integration)
struct ProbeFaultTests {
    struct Case: Sendable {
        var id: String
        var state: TargetHealth
        var reason: String?
        var status: Int?
        var detail: String?
    }

    /// One server per fault, one target per server (plus a refused port and an unresolvable name).
    static func fleet(timeout: TimeInterval = 0.4) async throws -> (servers: [ProbeTestServer], targets: [ProbeTarget], expected: [Case]) {
        var servers: [ProbeTestServer] = []
        var targets: [ProbeTarget] = []
        var expected: [Case] = []
        func add(_ id: String, _ behaviour: ProbeTestServer.Behaviour, tls: Bool = false,
                 settings: ProbeSettings? = nil, _ c: Case) async throws {
            let server = try await ProbeTestServer.start(behaviour, tls: tls)
            servers.append(server)
            targets.append(ProbeTarget(id: id, zone: "us-east-1a", url: server.url(tls: tls), settings: settings ?? .fastTest(timeout: timeout)))
            expected.append(c)
        }
        try await add("ok", .status(200), Case(id: "ok", state: .healthy, status: 200))
        try await add("503", .status(503), Case(id: "503", state: .unhealthy, reason: "Target.ResponseCodeMismatch", status: 503))
        try await add("302", .status(302), Case(id: "302", state: .unhealthy, reason: "Target.ResponseCodeMismatch", status: 302))
        // Not followed: the Location points at a closed port, and 302 is within this matcher.
        try await add("302-range", .status(302), settings: .fastTest(timeout: timeout, matcher: "200-399"),
                      Case(id: "302-range", state: .healthy, status: 302))
        try await add("204-list", .status(204), settings: .fastTest(timeout: timeout, matcher: "200,204"),
                      Case(id: "204-list", state: .healthy, status: 204))
        try await add("hang", .hang, Case(id: "hang", state: .unhealthy, reason: "Target.Timeout", detail: "timeout"))
        try await add("stall", .stallBody, Case(id: "stall", state: .unhealthy, reason: "Target.Timeout", detail: "timeout"))
        try await add("huge", .hugeBody(100 << 20), Case(id: "huge", state: .healthy, status: 200))
        try await add("reset", .reset, Case(id: "reset", state: .unhealthy, reason: "Target.FailedHealthChecks"))
        try await add("malformed", .malformed, Case(id: "malformed", state: .unhealthy, reason: "Target.FailedHealthChecks",
                                                    detail: "malformed"))
        try await add("tls", .status(200), tls: true, Case(id: "tls", state: .unhealthy, reason: "Target.FailedHealthChecks",
                                                           detail: "TLS"))
        try await add("tls-insecure", .status(200), tls: true, settings: .fastTest(timeout: timeout, insecure: true),
                      Case(id: "tls-insecure", state: .healthy, status: 200))
        let closed = try probeClosedPort()
        targets.append(ProbeTarget(id: "refused", zone: "us-east-1b", url: "http://127.0.0.1:\(closed)/health", settings: .fastTest(timeout: timeout)))
        expected.append(Case(id: "refused", state: .unhealthy, reason: "Target.FailedHealthChecks", detail: "connection refused"))
        targets.append(ProbeTarget(id: "dns", zone: "us-east-1b", host: "no-such-host.fleetwatch.invalid", settings: .fastTest(timeout: timeout)))
        expected.append(Case(id: "dns", state: .unhealthy, reason: "Target.FailedHealthChecks", detail: "resolve"))
        return (servers, targets, expected)
    }

    @Test("every fault ends in the right state and reason, each round within the hard deadline")
    func faults() async throws {
        let (servers, targets, expected) = try await Self.fleet()
        let source = ProbeSource(targets: targets, spread: false)
        let run = try await ProbeDrive.rounds(source, 2)
        let report = await source.report()
        await source.shutdown()
        for server in servers { await server.stop() }

        for c in expected {
            let row = try #require(report.targets.first { $0.id == c.id })
            #expect(row.state == c.state, "\(c.id): \(row.state) (\(row.detail ?? "-"))")
            #expect(row.reason == c.reason, "\(c.id): reason \(row.reason ?? "nil"), saw \(row.detail ?? "-")")
            if let status = c.status { #expect(row.lastStatus == status, "\(c.id)") }
            if let detail = c.detail { #expect(row.detail?.contains(detail) == true, "\(c.id): \(row.detail ?? "-")") }
            #expect(row.checks == 2, "\(c.id)")
        }
        // Hard deadline 0.4 s: a round, hang and stalled body included, ends well before 1 s.
        for seconds in run.seconds { #expect(seconds < 1.0, "a round took \(seconds) s") }
        let hang = try #require(report.targets.first { $0.id == "hang" })
        #expect((hang.latencyMs ?? 0) >= 390 && (hang.latencyMs ?? 0) < 900, "hang latency \(hang.latencyMs ?? -1) ms")
        // The 100 MB body was not read: the server got rid of only a few MB before the client hung up.
        let huge = servers[expected.firstIndex { $0.id == "huge" }!]
        #expect(huge.bodyBytesWritten < 20 << 20)
        let hugeRow = try #require(report.targets.first { $0.id == "huge" })
        #expect((hugeRow.latencyMs ?? 1e9) < 200, "huge body took \(hugeRow.latencyMs ?? -1) ms")
        // Per-zone counts.
        let zoneA = try #require(report.zones.first { $0.name == "us-east-1a" })
        #expect(zoneA.healthy == 5 && zoneA.unhealthy == 7)
        let zoneB = try #require(report.zones.first { $0.name == "us-east-1b" })
        #expect(zoneB.healthy == 0 && zoneB.unhealthy == 2)
    }

    @Test("many rounds of every fault leak no descriptors or connections, and memory stays flat")
    func noLeaks() async throws {
        let (servers, targets, _) = try await Self.fleet(timeout: 0.15)
        let source = ProbeSource(targets: targets, spread: false)
        _ = try await ProbeDrive.rounds(source, 3)
        try await Task.sleep(for: .milliseconds(100))
        let fdsBefore = probeOpenFDs()
        let rssBefore = probeResidentBytes()
        _ = try await ProbeDrive.rounds(source, 20, from: 3)
        try await Task.sleep(for: .milliseconds(200))
        let fdsAfter = probeOpenFDs()
        let rssAfter = probeResidentBytes()
        let serverConnections = servers.map(\.openConnections).reduce(0, +)
        await source.shutdown()
        try await Task.sleep(for: .milliseconds(100))
        let fdsShutDown = probeOpenFDs()
        for server in servers { await server.stop() }

        #expect(fdsAfter <= fdsBefore + 2, "descriptors: \(fdsBefore) before 20 rounds, \(fdsAfter) after")
        #expect(serverConnections == 0, "the servers still hold \(serverConnections) connections")
        #expect(fdsShutDown <= fdsBefore + 2)
        #expect(rssAfter - rssBefore < 16 << 20, "memory grew \((rssAfter - rssBefore) >> 20) MB over 20 rounds")
    }
}
