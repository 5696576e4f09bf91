import FleetCore
import Foundation
import Testing
import FleetTestSupport
@testable import AWSFormats

/// A file of the wrong kind is refused in one line naming the command it is not the output of,
/// never decoded into an empty answer. The fixtures are real aws CLI output: each command's output is
/// fed to the other decoders.
@Suite("AWS outputs refuse another command's output")
struct WrongKindTests {
    static let decoders: [(name: String, shape: AWSOutputShape, decode: @Sendable ([UInt8], String) throws -> Void)] = [
        ("get-metric-data", .getMetricData, { _ = try CloudWatchFiles.decodeMetricData($0, file: $1) }),
        ("get-metric-statistics", .getMetricStatistics,
         { _ = try CloudWatchFiles.decodeMetricStatistics($0, file: $1, metric: CWFixture.albKey("RequestCount", "Sum", zone: "us-east-1a")) }),
        ("describe-alarms", .describeAlarms, { var w: [String] = []; _ = try CloudWatchFiles.decodeAlarms($0, file: $1, warnings: &w) }),
        ("describe-target-health", .describeTargetHealth,
         { var w: [String] = []; _ = try CloudWatchFiles.decodeTargetHealth($0, file: $1, warnings: &w) }),
        ("describe-auto-scaling-groups", .describeAutoScalingGroups,
         { var w: [String] = []; _ = try CloudWatchFiles.decodeAutoScalingGroups($0, file: $1, warnings: &w) }),
        ("describe-instances", .describeInstances,
         { var w: [String] = []; _ = try CloudWatchFiles.decodeEC2Instances($0, file: $1, warnings: &w) }),
        ("describe-target-groups", .describeTargetGroups, { _ = try CloudWatchFiles.decodeTargetGroups($0, file: $1) }),
        ("describe-policies", .describePolicies,
         { var w: [String] = []; _ = try CloudWatchFiles.decodeScalingPolicies($0, file: $1, warnings: &w) }),
    ]

    /// Under Tests/Fixtures.
    static let fixtures = ["cloudwatch/get-metric-data.json", "cloudwatch/get-metric-statistics.json",
                           "cloudwatch/describe-alarms.json", "cloudwatch/describe-target-health.json",
                           "cloudwatch/describe-auto-scaling-groups.json", "cloudwatch/describe-instances.json",
                           "cloudwatch/get-metric-data.queries.json", "probe/describe-target-groups.json",
                           "scaling/describe-policies.json"]

    @Test(arguments: fixtures)
    func eachDecoderTakesOnlyItsOwn(path: String) throws {
        let bytes = Array(try Data(contentsOf: FixtureFiles.url(path)))
        let fixture = String(path.split(separator: "/").last!)
        for decoder in Self.decoders {
            let line = cwErrorLine { try decoder.decode(bytes, "x.json") }
            if fixture == "\(decoder.name).json" {
                #expect(line == nil, "\(decoder.name) on its own output")
            } else {
                #expect(line == "x.json: not the output of `\(decoder.shape.command)` (no \(decoder.shape.key))",
                        "\(decoder.name) on \(fixture)")
            }
        }
    }

    @Test func theIssuesExample() {
        #expect(cwErrorLine { try cwMetricData(#"{"Label": "x", "Datapoints": []}"#, file: "x.json") }
                == "x.json: not the output of `aws cloudwatch get-metric-data` (no MetricDataResults)")
        #expect(cwErrorLine { try cwMetricData("[1, 2]", file: "x.json") }
                == "x.json: not the output of `aws cloudwatch get-metric-data` (no MetricDataResults)")
        // An empty result list is still get-metric-data output.
        #expect(cwErrorLine { try cwMetricData(#"{"MetricDataResults": []}"#) } == nil)
    }

    @Test("describe-target-groups: the health-check settings as the CLI prints them")
    func targetGroups() throws {
        let groups = try CloudWatchFiles.decodeTargetGroups(
            Array(Data(contentsOf: FixtureFiles.url("probe/describe-target-groups.json"))), file: "tg.json")
        #expect(groups.count == 1)
        let g = try #require(groups.first)
        #expect(g.path == "TargetGroups[0]" && g.name == "erato-backend-tg" && g.port == 8080)
        #expect(g.healthCheckProtocol == "HTTP" && g.healthCheckPort == "traffic-port" && g.healthCheckPath == "/health")
        #expect(g.healthCheckIntervalSeconds == 30 && g.healthCheckTimeoutSeconds == 5)
        #expect(g.healthyThresholdCount == 3 && g.unhealthyThresholdCount == 3 && g.matcherHttpCode == "200")
        #expect(cwErrorLine { _ = try CloudWatchFiles.decodeTargetGroups(Array(#"{"TargetGroups": [{"Port": "80"}]}"#.utf8), file: "tg.json") }
                == "tg.json: TargetGroups[0].Port: expected a number, found a string at byte 27")
    }
}
