import AWSFormats
import FleetCore
import FleetSources
import Foundation
import Testing
@testable import FleetCloudWatch

/// The event calls of the live source, against responses shaped like the examples of the Amazon EC2
/// Auto Scaling API reference (DescribeScalingActivities, DescribeInstanceRefreshes: Query XML) and
/// the CloudWatch API reference (DescribeAlarmHistory: JSON 1.0, as the CLI prints it).
@Suite("CloudWatch API source: events, errors and latency")
struct CloudWatchEventsLiveTests {
    static let activities = """
        <DescribeScalingActivitiesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
          <DescribeScalingActivitiesResult>
            <Activities>
              <member>
                <StatusCode>Successful</StatusCode>
                <Progress>100</Progress>
                <ActivityId>f9f2d65b-f1f2-43e7-b46d-d86756459699</ActivityId>
                <StartTime>2026-01-05T12:58:09.766Z</StartTime>
                <AutoScalingGroupName>erato-backend-asg</AutoScalingGroupName>
                <Cause>At 2026-01-05T12:58:00Z a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-fc0e4183-23ac-497e-9992-691c9980c38e in state ALARM triggered policy erato-target-cpu changing the desired capacity from 2 to 3.  At 2026-01-05T12:58:07Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3.</Cause>
                <Details>{"Subnet ID":"subnet-5ea0c127","Availability Zone":"us-east-1b"}</Details>
                <Description>Launching a new EC2 instance: i-ccc</Description>
                <EndTime>2026-01-05T12:58:41Z</EndTime>
              </member>
            </Activities>
          </DescribeScalingActivitiesResult>
          <ResponseMetadata><RequestId>0e4a2f3b-1c5d-4e6f-8a9b-0c1d2e3f4a5b</RequestId></ResponseMetadata>
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
                <StatusReason>Waiting for instances to warm up before continuing. For example: i-ccc is warming up.</StatusReason>
                <StartTime>2026-01-05T12:50:00Z</StartTime>
                <PercentageComplete>50</PercentageComplete>
                <InstancesToUpdate>1</InstancesToUpdate>
              </member>
            </InstanceRefreshes>
          </DescribeInstanceRefreshesResult>
          <ResponseMetadata><RequestId>1f5b3a4c-2d6e-4f70-9b0c-1d2e3f4a5b6c</RequestId></ResponseMetadata>
        </DescribeInstanceRefreshesResponse>
        """
    static let history = #"""
        {"AlarmHistoryItems":[{"AlarmName":"erato-health-check-failures","AlarmType":"MetricAlarm","Timestamp":1767617700.442,
        "HistoryItemType":"StateUpdate","HistorySummary":"Alarm updated from OK to ALARM",
        "HistoryData":"{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"OK\",\"stateReason\":\"Threshold Crossed\"},\"newState\":{\"stateValue\":\"ALARM\",\"stateReason\":\"Threshold Crossed: 2 out of the last 2 datapoints were greater than the threshold (1.0)\"}}"},
        {"AlarmName":"other-team-alarm","AlarmType":"MetricAlarm","Timestamp":1767617600.0,"HistoryItemType":"StateUpdate",
        "HistorySummary":"Alarm updated from OK to ALARM","HistoryData":"{}"}]}
        """#

    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var bodies: [String: String] = [:]
        func note(_ op: String, _ body: [UInt8]) { lock.withLock { bodies[op] = String(decoding: body, as: UTF8.self) } }
    }

    static func source(_ log: Log) -> CloudWatchAPISource {
        let scripted = CloudWatchAPISourceTests.ScriptedAWS()
        let transport = FakeTransport { r in
            let op = scripted.operation(r)
            log.note(op, r.body)
            switch op {
            case "DescribeScalingActivities": return AWSHTTPResponse(status: 200, body: Array(Self.activities.utf8))
            case "DescribeInstanceRefreshes": return AWSHTTPResponse(status: 200, body: Array(Self.refreshes.utf8))
            case "DescribeAlarmHistory":
                #expect(r.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/") == true)
                return AWSHTTPResponse(status: 200, body: Array(Self.history.utf8))
            default: return try scripted.answer(r)
            }
        }
        let endpoint = AWSEndpoint(url: "http://127.0.0.1:9")!
        return CloudWatchAPISource(
            settings: .init(region: "us-east-1", autoScalingGroup: "erato-backend-asg", loadBalancer: "erato-backend-alb",
                            alarmPrefix: "erato-"),
            clients: .init(region: "us-east-1", endpoints: ["monitoring": endpoint, "elasticloadbalancing": endpoint,
                                                            "autoscaling": endpoint], transport: transport),
            credentials: { AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret") })
    }

    @Test func eventsComeFromTheThreeDescribeCalls() async throws {
        let log = Log()
        let update = try await Self.source(log).poll(now: CloudWatchAPISourceTests.now)
        let texts = update.events.map(\.text)
        #expect(texts.contains("Launching a new EC2 instance: i-ccc (Successful)"))
        #expect(update.events.first { $0.kind == .launch }?.zone == "us-east-1b")
        #expect(texts.contains { $0.hasPrefix("At 2026-01-05T12:58:00Z a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-") })
        #expect(texts.contains("erato-health-check-failures: Alarm updated from OK to ALARM: Threshold Crossed: 2 out of the last 2 datapoints were greater than the threshold (1.0)"))
        #expect(!texts.contains { $0.hasPrefix("other-team-alarm") })  // alarm_prefix applies to the history too
        #expect(texts.contains("Instance refresh InProgress: 50% complete, 1 instances to update (Waiting for instances to warm up before continuing. For example: i-ccc is warming up.)"))
        // The requests as the API wants them.
        #expect(log.bodies["DescribeScalingActivities"]?.contains("AutoScalingGroupName=erato-backend-asg") == true)
        #expect(log.bodies["DescribeInstanceRefreshes"]?.contains("Version=2011-01-01") == true)
        let history = try #require(log.bodies["DescribeAlarmHistory"])
        #expect(history.contains(#""HistoryItemType":"StateUpdate""#))
    }

    @Test func theErrorMetricsRideInTheOneGetMetricDataRequest() async throws {
        let log = Log()
        let source = Self.source(log)
        let update = try await source.poll(now: CloudWatchAPISourceTests.now)
        let metricRequest = try #require(log.bodies["GetMetricData"])
        for name in ["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "TargetResponseTime"] {
            #expect(metricRequest.contains(name))
        }
        #expect(metricRequest.contains(#""Stat":"p99""#))
        let p99 = update.metrics.filter { ErrorMetric(key: $0.key) == .responseTimeP99 }
        #expect(Set(p99.compactMap(\.key.zone)) == ["us-east-1a", "us-east-1b"])
        #expect(p99.allSatisfy { $0.unit == "Seconds" })
        #expect(await source.lastMetricCalls == 2)  // one request, its two pages
    }

    @Test func healthChangesBetweenTwoTargetHealthReads() async throws {
        let log = Log()
        let source = Self.source(log)
        let first = try await source.poll(now: CloudWatchAPISourceTests.now)
        #expect(!first.events.contains { $0.kind == .health })
        // The same answers a describe later: nothing changed, no health events.
        let later = try await source.poll(now: CloudWatchAPISourceTests.now.addingTimeInterval(60))
        #expect(!later.events.contains { $0.kind == .health })
    }
}
