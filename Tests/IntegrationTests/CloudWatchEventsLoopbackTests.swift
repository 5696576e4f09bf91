import FleetCore
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

/// API-reference-shaped answers (Amazon EC2 Auto Scaling API reference: DescribeScalingActivities and
/// DescribeInstanceRefreshes examples, Query XML; CloudWatch API reference: DescribeAlarmHistory, JSON 1.0).
enum CloudWatchEventsLiveFixtures {
    static let activities = """
        <DescribeScalingActivitiesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
          <DescribeScalingActivitiesResult>
            <Activities>
              <member>
                <StatusCode>Successful</StatusCode>
                <Progress>100</Progress>
                <ActivityId>063308ae-aa22-4a9b-94f4-9faeEXAMPLE</ActivityId>
                <StartTime>2026-01-05T12:40:07.882Z</StartTime>
                <AutoScalingGroupName>erato-backend-asg</AutoScalingGroupName>
                <Cause>At 2026-01-05T12:39:30Z a user request created an AutoScalingGroup changing the desired capacity from 0 to 1.  At 2026-01-05T12:40:07Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 1.</Cause>
                <Details>{"Subnet ID":"subnet-1a2b3c4d","Availability Zone":"us-east-1a"}</Details>
                <Description>Launching a new EC2 instance: i-0d44425630326060f</Description>
                <EndTime>2026-01-05T12:40:40Z</EndTime>
              </member>
            </Activities>
          </DescribeScalingActivitiesResult>
          <ResponseMetadata><RequestId>7c6e177f-f082-11e1-ac58-3714bEXAMPLE</RequestId></ResponseMetadata>
        </DescribeScalingActivitiesResponse>
        """
    static let refreshes = """
        <DescribeInstanceRefreshesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
          <DescribeInstanceRefreshesResult>
            <InstanceRefreshes>
              <member>
                <InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>
                <AutoScalingGroupName>erato-backend-asg</AutoScalingGroupName>
                <Status>InProgress</Status>
                <StartTime>2026-01-05T12:50:00Z</StartTime>
                <PercentageComplete>50</PercentageComplete>
                <InstancesToUpdate>1</InstancesToUpdate>
              </member>
            </InstanceRefreshes>
          </DescribeInstanceRefreshesResult>
          <ResponseMetadata><RequestId>1f5b3a4c-2d6e-4f70-9b0c-1d2e3EXAMPLE</RequestId></ResponseMetadata>
        </DescribeInstanceRefreshesResponse>
        """
    static let history = #"""
        {"AlarmHistoryItems":[{"AlarmName":"erato-health-check-failures","AlarmType":"MetricAlarm","Timestamp":1767617700.442,
        "HistoryItemType":"StateUpdate","HistorySummary":"Alarm updated from OK to ALARM",
        "HistoryData":"{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"OK\",\"stateReason\":\"Threshold Crossed: 2 datapoints were not greater than the threshold (1.0).\"},\"newState\":{\"stateValue\":\"ALARM\",\"stateReason\":\"Threshold Crossed: 2 datapoints were greater than the threshold (1.0).\"}}"}]}
        """#
}
