import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// The live source's event calls over real HTTP, against a loopback server answering with
/// responses shaped like the API reference's examples (moto 5.2 cannot: it has no scaling
/// activities and answers DescribeAlarmHistory and DescribeInstanceRefreshes with HTTP 500).
@Suite("CloudWatch API: event calls against a loopback server", .serialized, .integration)
struct CloudWatchEventsLoopbackTests {
    static let lb = """
        <DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member>
        <LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/erato-backend-alb/50dc6c495c0c9188</LoadBalancerArn>
        <LoadBalancerName>erato-backend-alb</LoadBalancerName>
        <AvailabilityZones><member><ZoneName>us-east-1a</ZoneName></member></AvailabilityZones>
        </member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>
        """

    @Test func theThreeCallsAreMadeSignedAndDecoded() async throws {
        let server = try await AWSLoopbackServer.start([
            "DescribeLoadBalancers": Self.lb,
            "DescribeTargetGroups": "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups/></DescribeTargetGroupsResult></DescribeTargetGroupsResponse>",
            "DescribeAutoScalingGroups": "<DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups/></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>",
            "DescribeAlarms": #"{"MetricAlarms":[]}"#,
            "GetMetricData": #"{"MetricDataResults":[]}"#,
            "DescribeScalingActivities": CloudWatchEventsLiveFixtures.activities,
            "DescribeInstanceRefreshes": CloudWatchEventsLiveFixtures.refreshes,
            "DescribeAlarmHistory": CloudWatchEventsLiveFixtures.history,
        ])
        defer { Task { await server.stop() } }
        let endpoint = AWSEndpoint(url: server.endpoint)!
        let source = CloudWatchAPISource(
            settings: .init(region: "us-east-1", autoScalingGroup: "erato-backend-asg", loadBalancer: "erato-backend-alb"),
            clients: .init(region: "us-east-1", endpoints: ["monitoring": endpoint, "elasticloadbalancing": endpoint,
                                                            "autoscaling": endpoint],
                           retry: AWSRetryPolicy(maxAttempts: 1)),
            credentials: { AWSCredentials(accessKeyId: "AKIDLOOPBACK", secretAccessKey: "secret") })
        #expect(!CloudWatchEventsLiveFixtures.activities.isEmpty)
        let update = try await source.poll(now: Date(timeIntervalSince1970: 1_767_618_030))
        let calls: Set<String> = ["DescribeScalingActivities", "DescribeInstanceRefreshes", "DescribeAlarmHistory"]
        #expect(calls.isSubset(of: server.signedOperations))
        let texts = update.events.map(\.text)
        #expect(texts.contains("Launching a new EC2 instance: i-0d44425630326060f (Successful)"))
        #expect(texts.contains("Instance refresh InProgress: 50% complete, 1 instances to update"))
        #expect(texts.contains("erato-health-check-failures: Alarm updated from OK to ALARM: Threshold Crossed: 2 datapoints were greater than the threshold (1.0)."))
        #expect(update.events.first { $0.kind == .launch }?.zone == "us-east-1a")
    }
}

/// The API-reference-shaped answers under `Tests/Fixtures/cloudwatch/api/` (see the README there).
enum CloudWatchEventsLiveFixtures {
    static func text(_ name: String) -> String {
        (try? String(contentsOfFile: FixtureFiles.path("cloudwatch/api/\(name)"), encoding: .utf8)) ?? ""
    }
    static var activities: String { text("DescribeScalingActivities.xml") }
    static var refreshes: String { text("DescribeInstanceRefreshes.xml") }
    static var history: String { text("DescribeAlarmHistory.json") }
}
