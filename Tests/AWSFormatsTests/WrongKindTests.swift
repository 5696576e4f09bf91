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
    ]

    static let fixtures = ["get-metric-data.json", "get-metric-statistics.json", "describe-alarms.json",
                           "describe-target-health.json", "describe-auto-scaling-groups.json",
                           "describe-instances.json", "get-metric-data.queries.json"]

    @Test(arguments: fixtures)
    func eachDecoderTakesOnlyItsOwn(fixture: String) throws {
        let bytes = try CWFixture.bytes(fixture)
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
}
