import FleetCore
import Foundation
import Testing
@testable import FleetCloudWatch

/// The live API's DescribeAlarms answer is read by the one describe-alarms decoder (AWSFormats), as
/// the CLI's output is: no defaults for missing fields.
@Suite("DescribeAlarms over the API")
struct DescribeAlarmsLiveTests {
    static let alarm = #"{"AlarmName":"cpu","Namespace":"AWS/EC2","MetricName":"CPUUtilization","Statistic":"Average","Period":60,"EvaluationPeriods":3,"Threshold":80.0,"ComparisonOperator":"GreaterThanThreshold","StateValue":"OK","StateUpdatedTimestamp":1767617700.0,"StateTransitionedTimestamp":1767617000.0}"#

    func describe(_ pages: [String]) async throws -> [AlarmStatus] {
        let counter = Counter()
        let client = CloudWatchAPIErrorTests.client { _ in
            AWSHTTPResponse(status: 200, body: Array(pages[min(counter.next() - 1, pages.count - 1)].utf8))
        }
        return try await CloudWatchClient(client: client).describeAlarms(credentials: CloudWatchAPIErrorTests.creds)
    }

    @Test func decodesPagesWithTheFilesDecoder() async throws {
        let second = Self.alarm.replacingOccurrences(of: #""cpu""#, with: #""cpu-2""#)
        let alarms = try await describe([#"{"MetricAlarms":[\#(Self.alarm)],"NextToken":"p2"}"#,
                                         #"{"MetricAlarms":[\#(second)]}"#])
        #expect(alarms.map(\.name) == ["cpu", "cpu-2"])
        #expect(alarms[0].definition.statistic == "Average" && alarms[0].definition.period == 60)
        #expect(alarms[0].state == .ok)
        #expect(alarms[0].since == Date(timeIntervalSince1970: 1767617000))  // entered the state
    }

    @Test(arguments: ["Statistic", "Period"])
    func aMissingRequiredFieldIsAnErrorNotADefault(field: String) async throws {
        let broken = Self.alarm.replacingOccurrences(of: field == "Statistic" ? #""Statistic":"Average","# : #""Period":60,"#,
                                                     with: "")
        await #expect(throws: AWSAPIError.self) {
            _ = try await describe([#"{"MetricAlarms":[\#(broken)]}"#])
        }
        do {
            _ = try await describe([#"{"MetricAlarms":[\#(broken)]}"#])
        } catch {
            #expect("\(error)".contains("MetricAlarms[0].\(field): alarm cpu: missing"))
        }
    }
}
