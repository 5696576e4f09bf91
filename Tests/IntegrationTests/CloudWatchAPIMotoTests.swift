import FleetCore
import Foundation
import Testing
@testable import FleetCloudWatch
#if canImport(Glibc)
import Glibc
#endif

/// Sends through the real HTTP client and records which operation each request was.
final class CountingTransport: AWSTransport, @unchecked Sendable {
    private let inner = AsyncHTTPTransport()
    private let lock = NSLock()
    private var ops: [String] = []
    private var signed: Set<String> = []

    var operations: [String] { lock.withLock { ops } }
    /// Operations sent with a SigV4 `Authorization` header.
    var signedOperations: Set<String> { lock.withLock { signed } }
    func reset() { lock.withLock { ops = [] } }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        let op = request.header("X-Amz-Target").map { String($0.split(separator: ".").last!) }
            ?? String(decoding: request.body, as: UTF8.self).split(separator: "&").first { $0.hasPrefix("Action=") }
                .map { String($0.dropFirst(7)) } ?? "?"
        lock.withLock {
            ops.append(op)
            if request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=") == true { signed.insert(op) }
        }
        return try await inner.send(request)
    }
}

@Suite("CloudWatch API against moto_server", .serialized, .motoFleet, .integration)
struct CloudWatchAPIMotoTests {
    static let dummy = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")

    static func source(_ fleet: MotoFleet, transport: CountingTransport,
                       credentials: AWSCredentials = dummy) -> CloudWatchAPISource {
        let endpoint = AWSEndpoint(url: fleet.server.endpoint)!
        return CloudWatchAPISource(
            settings: .init(region: "us-east-1", autoScalingGroup: "erato-backend-asg", loadBalancer: "erato-backend-alb",
                            targetGroup: "erato-backend-tg"),
            clients: .init(region: "us-east-1",
                           endpoints: ["monitoring": endpoint, "elasticloadbalancing": endpoint, "autoscaling": endpoint],
                           transport: transport, retry: AWSRetryPolicy(maxAttempts: 2, jitter: { 0 }, sleep: { _ in })),
            credentials: { credentials })
    }

    @Test func pollDeliversTheSeededFleet() async throws {
        let fleet = try MotoFleet.require()
        let transport = CountingTransport()
        let source = Self.source(fleet, transport: transport)
        let now = fleet.end.addingTimeInterval(30)
        let update = try await source.poll(now: now)

        #expect(transport.operations.filter { $0 == "GetMetricData" }.count == 1)
        let expected: Set<String> = ["DescribeLoadBalancers", "DescribeTargetGroups", "DescribeAutoScalingGroups",
                                     "DescribeTargetHealth", "DescribeAlarms", "GetMetricData",
                                     "DescribeScalingActivities", "DescribeAlarmHistory", "DescribeInstanceRefreshes"]
        #expect(Set(transport.operations) == expected)
        // The event calls are made and signed (moto 5.2 answers DescribeScalingActivities with no
        // activities and the other two with HTTP 500: their decoding is tested against
        // API-reference-shaped answers in FleetCloudWatchTests).
        #expect(transport.signedOperations == expected)
        let resolved = try #require(await source.resolved)
        #expect(resolved.loadBalancerDimension == fleet.seeded["load_balancer_dimension"])
        #expect(resolved.targetGroupDimension == fleet.seeded["target_group_dimension"])

        var state = FleetState(time: now, fleet: .erato)
        state.apply(update)
        let cpu = try #require(state.panelSeries(.cpu))
        #expect(cpu.count == 180)
        #expect(cpu.points.first?.value == 40)
        #expect(cpu.latest?.value == 49)  // 40 + 179 % 10
        #expect(cpu.latest?.time == fleet.end.addingTimeInterval(-60))
        #expect(state.panelSeries(.requests, zone: "us-east-1b")?.latest?.value == 2179)
        #expect(state.panelSeries(.requests)?.latest?.value == 6537.0)  // 1179 + 2179 + 3179
        #expect(state.panelSeries(.unhealthyHosts, zone: "us-east-1b")?.latest?.value == 1)
        #expect(state.panelSeries(.unhealthyHosts, zone: "us-east-1a")?.latest?.value == 0)
        #expect(state.panelSeries(.healthyHosts)?.latest?.value == 11.0)  // 4 + 3 + 4
        #expect(state.panelSeries(.requestsPerTarget, zone: "us-east-1c")?.latest?.value == 750)

        #expect(state.instances.count == 12)
        #expect(Set(state.instances.map(\.id)) == Set(fleet.instanceIds))
        #expect(state.instances.allSatisfy { $0.lifecycle == .inService })
        #expect(state.instances.allSatisfy { $0.cpu == 34 })  // 30 + 179 % 5
        #expect(state.alarms.map(\.name) == ["erato-health-check-failures"])
        #expect(state.alarms.first?.definition.threshold == 1)
        // Only moto's missing event calls may warn.
        let detail = update.status?.detail ?? ""
        let warning = detail.components(separatedBy: " · warning: ").dropFirst().first ?? ""
        #expect(warning.isEmpty || warning.split(separator: ";").allSatisfy {
            $0.contains("DescribeAlarmHistory") || $0.contains("DescribeInstanceRefreshes") || $0.contains("500")
        }, "\(detail)")

        // The next refresh: one request, from the newest point less two periods.
        transport.reset()
        _ = try await source.poll(now: now.addingTimeInterval(30))
        #expect(transport.operations == ["GetMetricData"])
        let window = try #require(await source.lastWindow)
        #expect(window.start == fleet.end.addingTimeInterval(-60 - 120))
    }

    @Test func cpuBudgetOfOneRefresh() async throws {
        guard ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1" else { return }  // opt-in
        let fleet = try MotoFleet.require()
        let transport = CountingTransport()
        let source = Self.source(fleet, transport: transport)
        let now = fleet.end.addingTimeInterval(30)
        _ = try await source.poll(now: now)  // resolve names, fill the window
        func cpuSeconds() -> Double {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        var steady: [Double] = [], withDescribe: [Double] = [], full: [Double] = []
        for i in 1...10 {
            transport.reset()
            let t0 = cpuSeconds()
            _ = try await source.poll(now: now.addingTimeInterval(Double(i) * 30))  // every other one describes
            let dt = cpuSeconds() - t0
            if transport.operations.count == 1 { steady.append(dt) } else { withDescribe.append(dt) }
        }
        for _ in 1...5 {  // a fresh source: the 3 h backfill
            let s = Self.source(fleet, transport: transport)
            let t0 = cpuSeconds()
            _ = try await s.poll(now: now)
            full.append(cpuSeconds() - t0)
        }
        func ms(_ xs: [Double]) -> String { xs.isEmpty ? "-" : String(format: "%.2f ms", 1000 * xs.sorted()[xs.count / 2]) }
        print("bench: one refresh (GetMetricData only) median CPU \(ms(steady)); with describes \(ms(withDescribe)); first poll with 3 h backfill \(ms(full))")
        #expect(!steady.isEmpty)
        #expect(steady.sorted()[steady.count / 2] < 0.020)
    }

    @Test func wrongSecretAndMissingPermissionAreSaidPlainly() async throws {
        let fleet = try MotoFleet.require()
        let keyId = try #require(fleet.seeded["access_key_id"])
        let secret = try #require(fleet.seeded["secret_access_key"])
        try await fleet.server.setAuthentication(on: true)
        defer { Task { try? await fleet.server.setAuthentication(on: false) } }

        let wrong = AWSCredentials(accessKeyId: keyId, secretAccessKey: secret + "x")
        do {
            _ = try await Self.source(fleet, transport: CountingTransport(), credentials: wrong).poll(now: fleet.end)
            Issue.record("a wrong secret must fail")
        } catch let error as AWSAPIError {
            let text = error.errorDescription ?? ""
            #expect(text.contains("the secret access key is wrong for access key \(keyId.prefix(4))…(redacted)"), "\(text)")
            #expect(!text.contains(keyId))
            #expect(!text.contains(secret))
        }

        // The right key, but its policy lacks cloudwatch:GetMetricData.
        let right = AWSCredentials(accessKeyId: keyId, secretAccessKey: secret)
        do {
            _ = try await Self.source(fleet, transport: CountingTransport(), credentials: right).poll(now: fleet.end)
            Issue.record("GetMetricData without permission must fail")
        } catch let error as AWSAPIError {
            let text = error.errorDescription ?? ""
            #expect(text.contains("cloudwatch:GetMetricData"), "\(text)")
            #expect(text.contains("access denied"))
            #expect(!text.contains(keyId))
            #expect(!text.contains(secret))
        }
        try await fleet.server.setAuthentication(on: false)
    }
}
