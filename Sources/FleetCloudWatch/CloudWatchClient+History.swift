import AWSFormats
import FleetCore
import Foundation

/// The `DescribeAlarmHistory` input (JSON 1.0): state updates of metric alarms since `StartDate`.
struct DescribeAlarmHistoryInput: Codable, Sendable {
    var HistoryItemType: String?
    var AlarmTypes: [String]?
    var StartDate: AWSTimestamp?
    var MaxRecords: Int?
    var ScanBy: String?
}

extension CloudWatchClient {
    /// `DescribeAlarmHistory`: the state updates of metric alarms since `start`, newest first (one
    /// page of at most `maxRecords`), read by the one describe-alarm-history decoder
    /// (``CloudWatchFiles/decodeAlarmHistory(_:file:)``): the API's JSON is the CLI's. Amazon
    /// CloudWatch API reference, "DescribeAlarmHistory".
    public func describeAlarmHistory(since start: Date, maxRecords: Int = 100,
                                     credentials: AWSCredentials) async throws -> [AlarmHistoryRecord] {
        let input = DescribeAlarmHistoryInput(HistoryItemType: "StateUpdate", AlarmTypes: ["MetricAlarm"],
                                              StartDate: AWSTimestamp(start), MaxRecords: maxRecords, ScanBy: "TimestampDescending")
        let body = try await client.jsonBody(target: Self.targetPrefix, operation: "DescribeAlarmHistory", input: input,
                                             credentials: credentials)
        do {
            return try CloudWatchFiles.decodeAlarmHistory(body, file: "DescribeAlarmHistory response")
        } catch {
            throw AWSAPIError.badResponse(service: "cloudwatch", operation: "DescribeAlarmHistory", detail: error.description)
        }
    }
}
