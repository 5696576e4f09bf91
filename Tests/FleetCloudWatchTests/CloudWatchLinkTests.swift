import FleetCore
import FleetSources
import Foundation
import Testing
@testable import FleetCloudWatch

/// Two fleets' sources on one link (same region and account) against a scripted AWS: one
/// GetMetricData request and one DescribeAutoScalingGroups call for both, each source its own data.
@Suite("Sources sharing a region and account")
struct CloudWatchLinkTests {
    static let queue = MetricKey(namespace: "Erato", name: "QueueDepth", statistic: "Maximum",
                                 dimensions: [FleetCore.Dimension("Queue", "jobs")])

    @Test func twoFleetsMakeOneGetMetricDataRequestAndOneGroupDescribe() async throws {
        let aws = CloudWatchAPISourceTests.ScriptedAWS()
        let endpoint = AWSEndpoint(url: "http://127.0.0.1:9")!
        let clients = CloudWatchAPISource.Clients(
            region: "us-east-1", endpoints: ["monitoring": endpoint, "elasticloadbalancing": endpoint, "autoscaling": endpoint],
            transport: FakeTransport { try aws.answer($0) })
        let creds: @Sendable () throws -> AWSCredentials = { AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret") }
        // A long gather: the round can only leave because both members asked (no clock involved).
        let link = CloudWatchLink(key: .init(region: "us-east-1", profile: "prod"), clients: clients, credentials: creds, gather: 3600)
        let a = CloudWatchAPISource(name: "a", settings: .init(region: "us-east-1", autoScalingGroup: "erato-backend-asg",
                                                               loadBalancer: "erato-backend-alb"),
                                    clients: clients, credentials: creds, link: link)
        var other = CloudWatchAPISource.Settings(region: "us-east-1", autoScalingGroup: "erato-backend-asg", loadBalancer: "erato-backend-alb",
                                                 metrics: [.custom(Self.queue)], instanceCPU: false)
        other.events = false
        let b = CloudWatchAPISource(name: "b", settings: other, clients: clients, credentials: creds, link: link)
        #expect(link.metricData.members == 2)

        async let ua = a.poll(now: CloudWatchAPISourceTests.now)
        async let ub = b.poll(now: CloudWatchAPISourceTests.now)
        let (updateA, updateB) = try await (ua, ub)

        // One request (two pages of it): A's 20 series, and B's queue series; B's error metrics
        // are the same series as A's, so they are asked once.
        #expect(aws.operations.filter { $0 == "GetMetricData" }.count == 2)
        let queries = try #require(aws.metricBodies.first?["MetricDataQueries"] as? [[String: Any]])
        #expect(queries.count == 21)
        #expect(Set(queries.compactMap { $0["Id"] as? String }).count == 21)
        // The describes of the account and region: once for both.
        for op in ["DescribeAutoScalingGroups", "DescribeAlarms", "DescribeAlarmHistory"] {
            #expect(aws.operations.filter { $0 == op }.count == 1, "\(op)")
        }
        #expect(updateA.alarms?.map(\.name) == ["erato-health-check-failures"])
        #expect(updateB.alarms?.map(\.name) == ["erato-health-check-failures"])
        #expect(link.metricData.roundsSent == 1)

        #expect(updateA.metrics.count == 20)
        #expect(updateA.metrics.contains { $0.key.name == "CPUUtilization" })
        #expect(updateB.metrics.map(\.key).contains(Self.queue))
        #expect(updateB.metrics.count == 1 + ErrorMetric.allCases.count * 2)
        #expect(updateA.instances?.count == 3 && updateB.instances?.count == 3)
    }

    @Test func fleetsShareALinkPerRegionAndProfileAndKeepTheirOwnRegion() throws {
        let yaml = """
            fleets:
              - {name: a, region: us-east-1, profile: prod}
              - {name: b, region: us-east-1, profile: prod}
              - {name: c, region: eu-west-1, profile: prod}
              - {name: d, region: us-east-1, profile: staging}
            sources: [{kind: cloudwatch, endpoint: "http://127.0.0.1:9"}]
            """
        let config = try FleetConfig.parse(yaml, file: "fleets.yaml", baseDirectory: URL(fileURLWithPath: "/tmp"))
        // The environment's region must not pull eu-west-1's fleet to us-east-1.
        let kind = CloudWatchSourceKind(environment: ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "s",
                                                      "AWS_REGION": "us-east-1", "HOME": "/nonexistent"])
        let registry = SourceRegistry([kind])
        let pollers = try config.fleets.map { try registry.poller(for: $0, in: config, now: CloudWatchAPISourceTests.now, mockPrefill: 0) }
        #expect(pollers.count == 4)
        let keys = kind.links.keys.map { "\($0.region)/\($0.profile)" }.sorted()
        #expect(keys == ["eu-west-1/prod", "us-east-1/prod", "us-east-1/staging"])
    }

    @Test func aThrottledRoundHoldsBackEverySourceOfTheLink() async throws {
        let calls = Counter()
        let transport = FakeTransport.throttlingGetMetricData(counting: calls)
        let endpoint = AWSEndpoint(url: "http://127.0.0.1:9")!
        let clients = CloudWatchAPISource.Clients(
            region: "us-east-1", endpoints: ["monitoring": endpoint, "elasticloadbalancing": endpoint, "autoscaling": endpoint],
            transport: transport, retry: AWSRetryPolicy(maxAttempts: 1, jitter: { 0 }, sleep: { _ in }))
        let creds: @Sendable () throws -> AWSCredentials = { AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s") }
        let gate = ThrottleGate(backoff: AWSRetryPolicy(maxAttempts: 1, baseDelay: 60, maxDelay: 900, jitter: { 0.99 }))
        let link = CloudWatchLink(key: .init(region: "us-east-1", profile: "prod"), clients: clients, credentials: creds,
                                  gather: 3600, throttle: gate)
        let sources = ["a", "b"].map { name in
            CloudWatchAPISource(name: name, settings: .init(region: "us-east-1", autoScalingGroup: name, loadBalancer: "lb", instanceCPU: false),
                                clients: clients, credentials: creds, link: link)
        }
        let now = CloudWatchAPISourceTests.now
        async let r0 = outcome { try await sources[0].poll(now: now) }
        async let r1 = outcome { try await sources[1].poll(now: now) }
        for r in await [r0, r1] { #expect(throws: AWSAPIError.self) { try r.get() } }
        #expect(calls.value == 1)  // one shared request, throttled once
        // Within the backoff neither source calls; after it, they do.
        for s in sources {
            await #expect(throws: AWSAPIError.self) { try await s.poll(now: now.addingTimeInterval(59)) }
        }
        #expect(calls.value == 1)
        #expect(gate.backingOffUntil == now.addingTimeInterval(60))
    }
}
