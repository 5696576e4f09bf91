import AWSFormats
import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// The event calls of the live source, against responses shaped like the examples of the Amazon EC2
/// Auto Scaling API reference (DescribeScalingActivities, DescribeInstanceRefreshes: Query XML) and
/// the CloudWatch API reference (DescribeAlarmHistory: JSON 1.0, as the CLI prints it).
@Suite("CloudWatch API source: events, errors and latency")
struct CloudWatchEventsLiveTests {
    /// The API-reference-shaped answers under `Tests/Fixtures/cloudwatch/api/` (see the README there).
    static func fixture(_ name: String) -> [UInt8] {
        Array((try? Data(contentsOf: FixtureFiles.url("cloudwatch/api/\(name)"))) ?? Data())
    }

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
            case "DescribeScalingActivities": return AWSHTTPResponse(status: 200, body: Self.fixture("DescribeScalingActivities.xml"))
            case "DescribeInstanceRefreshes": return AWSHTTPResponse(status: 200, body: Self.fixture("DescribeInstanceRefreshes.xml"))
            case "DescribeAlarmHistory":
                #expect(r.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/") == true)
                return AWSHTTPResponse(status: 200, body: Self.fixture("DescribeAlarmHistory.json"))
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
        #expect(texts.contains("Launching a new EC2 instance: i-0d44425630326060f (Successful)"))
        #expect(update.events.first { $0.kind == .launch }?.zone == "us-east-1a")
        #expect(texts.contains("At 2026-01-05T12:39:30Z a user request created an AutoScalingGroup changing the desired capacity from 0 to 1."))
        #expect(texts.contains("erato-health-check-failures: Alarm updated from OK to ALARM: Threshold Crossed: 2 datapoints were greater than the threshold (1.0)."))
        #expect(!texts.contains { $0.hasPrefix("other-team-alarm") })  // alarm_prefix applies to the history too
        #expect(texts.contains("Instance refresh InProgress: 50% complete, 1 instances to update"))
        // The requests as the API wants them.
        // Scaling activities: one fleet alone asks for its group by name (shared rounds of several:
        // ScalingActivitiesBatchTests and the moto count test).
        #expect(log.bodies["DescribeScalingActivities"]?.contains("AutoScalingGroupName=erato-backend-asg") == true)
        #expect(log.bodies["DescribeScalingActivities"]?.contains("MaxRecords=100") == true)
        #expect(log.bodies["DescribeInstanceRefreshes"]?.contains("AutoScalingGroupName=erato-backend-asg") == true)
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
