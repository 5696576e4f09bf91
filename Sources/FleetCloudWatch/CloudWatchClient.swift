import AWSFormats
import FleetCore
import Foundation

/// CloudWatch over the AWS JSON 1.0 protocol (`X-Amz-Target: GraniteServiceVersion20100801.<Op>`).
public struct CloudWatchClient: Sendable {
    public static let targetPrefix = "GraniteServiceVersion20100801"
    /// GetMetricData takes at most 500 queries per call.
    public static let maxQueries = 500

    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// The results of one GetMetricData request, all pages merged by query id, with the calls it took.
    public struct MetricData: Sendable {
        public var results: [String: CWMetricDataResult]
        /// Ids whose status was `PartialData` on the last page that named them.
        public var partial: Set<String>
        /// Messages from AWS about the whole request, for the status line.
        public var messages: [String]
        public var calls: Int
        /// Messages from AWS per query id (a query's `Messages`, and a `Forbidden` or `InternalError` status).
        public var queryMessages: [String: [String]] = [:]

        public init(results: [String: CWMetricDataResult], partial: Set<String>, messages: [String], calls: Int,
                    queryMessages: [String: [String]] = [:]) {
            self.results = results
            self.partial = partial
            self.messages = messages
            self.calls = calls
            self.queryMessages = queryMessages
        }
    }

    /// Runs `queries` over `[start, end)`, following `NextToken` (at most `maxPages` pages).
    public func getMetricData(queries: [CWMetricDataQuery], start: Date, end: Date,
                              credentials: AWSCredentials, maxPages: Int = 20) async throws -> MetricData {
        precondition(queries.count <= Self.maxQueries, "GetMetricData takes at most 500 queries")
        var out = MetricData(results: [:], partial: [], messages: [], calls: 0)
        var token: String?
        repeat {
            let input = GetMetricDataInput(MetricDataQueries: queries, StartTime: AWSTimestamp(start),
                                           EndTime: AWSTimestamp(end), ScanBy: "TimestampAscending", NextToken: token)
            let page = try await client.json(target: Self.targetPrefix, operation: "GetMetricData", input: input,
                                             credentials: credentials, as: GetMetricDataOutput.self)
            out.calls += 1
            for result in page.MetricDataResults ?? [] {
                var merged = out.results[result.Id] ?? CWMetricDataResult(Id: result.Id, Label: result.Label,
                                                                         Timestamps: [], Values: [])
                let times = result.Timestamps ?? [], values = result.Values ?? []
                guard times.count == values.count else {
                    throw AWSAPIError.badResponse(service: "cloudwatch", operation: "GetMetricData",
                                                  detail: "\(result.Id) has \(times.count) timestamps and \(values.count) values")
                }
                merged.Timestamps! += times
                merged.Values! += values
                merged.StatusCode = result.StatusCode
                out.results[result.Id] = merged
                if result.StatusCode == "PartialData" { out.partial.insert(result.Id) } else { out.partial.remove(result.Id) }
                for m in result.Messages ?? [] { out.queryMessages[result.Id, default: []].append("\(m.Code ?? "") \(m.Value ?? "")") }
                if result.StatusCode == "Forbidden" || result.StatusCode == "InternalError" {
                    out.queryMessages[result.Id, default: []].append(result.StatusCode!)
                }
            }
            for m in page.Messages ?? [] { out.messages.append("\(m.Code ?? "") \(m.Value ?? "")") }
            token = page.NextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil && out.calls < maxPages
        if token != nil { out.messages.append("more than \(maxPages) pages; the rest comes next refresh") }
        return out
    }

    /// Every single-metric alarm (all pages), optionally only those whose name starts with `prefix`,
    /// read by the one describe-alarms decoder (``CloudWatchFiles/decodeAlarmsPage(_:file:)``): the
    /// API's JSON is the CLI's.
    public func describeAlarms(prefix: String? = nil, names: [String]? = nil,
                               credentials: AWSCredentials, maxPages: Int = 20) async throws -> [AlarmStatus] {
        var alarms: [AlarmStatus] = []
        var token: String?
        var pages = 0
        repeat {
            let input = DescribeAlarmsInput(AlarmNamePrefix: names == nil ? prefix : nil, AlarmNames: names,
                                            AlarmTypes: ["MetricAlarm"], NextToken: token, MaxRecords: 100)
            let body = try await client.jsonBody(target: Self.targetPrefix, operation: "DescribeAlarms", input: input,
                                                 credentials: credentials)
            let page: DescribeAlarmsPage
            do {
                page = try CloudWatchFiles.decodeAlarmsPage(body, file: "DescribeAlarms response")
            } catch {
                throw AWSAPIError.badResponse(service: "cloudwatch", operation: "DescribeAlarms", detail: error.description)
            }
            alarms += page.alarms
            token = page.nextToken
            pages += 1
        } while token != nil && pages < maxPages
        return alarms
    }
}
