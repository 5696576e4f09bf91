import FleetCore
import Foundation

/// One element of `MetricAlarms` in `describe-alarms` output, its fields as printed (nil when absent,
/// null or an empty string) and where each one is, so that readers with their own rules (the files
/// source, the live API, the alarm-definitions reader) share one decoder.
public struct MetricAlarmRecord: Sendable, Hashable {
    /// `MetricAlarms[3]`.
    public var path: String
    /// Byte offset of the element, and of each key it has.
    public var offset: Int
    public var keyOffsets: [String: Int] = [:]
    public var name, namespace, metricName, statistic, extendedStatistic: String?
    public var comparisonOperator, treatMissingData, evaluateLowSampleCountPercentile: String?
    public var stateValue, stateReason, thresholdMetricId: String?
    public var period, evaluationPeriods, datapointsToAlarm: Int?
    public var threshold: Double?
    public var dimensions: [FleetCore.Dimension] = []
    /// `AlarmActions`: ARNs (a scaling policy's, an SNS topic's).
    public var alarmActions: [String] = []
    /// A metric-math alarm (a non-empty `Metrics` list).
    public var usesMetrics = false
    public var stateUpdated, stateTransitioned: Date?

    /// The byte offset of `key` when present, else of the element.
    public func offset(of key: String?) -> Int { key.flatMap { keyOffsets[$0] } ?? offset }
}

/// `describe-alarms` output as printed: the metric alarms, how many composite alarms, the next token.
public struct DescribeAlarmsOutput: Sendable, Hashable {
    public var metricAlarms: [MetricAlarmRecord] = []
    public var compositeAlarms = 0
    /// `NextToken`, nil on the last page.
    public var nextToken: String?
}

extension CloudWatchFiles {
    /// THE describe-alarms decoder (the CLI's output and the API's answer: the JSON is the same).
    /// Refuses another command's output (no `MetricAlarms`) and values of the wrong JSON type; it
    /// applies no defaults: what a reader requires is that reader's to check.
    public static func decodeDescribeAlarms(_ bytes: [UInt8], file: String) throws(InputError) -> DescribeAlarmsOutput {
        var out = DescribeAlarmsOutput()
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.beginOutput(.describeAlarms)
            var seen = false
            while let k = try r.nextKey() {
                switch k {
                case "MetricAlarms":
                    seen = true
                    try r.beginArray()
                    while try r.nextElement() { out.metricAlarms.append(try readMetricAlarm(&r)) }
                case "CompositeAlarms":
                    seen = true
                    try r.beginArray()
                    while try r.nextElement() { out.compositeAlarms += 1; try r.skipValue() }
                case "NextToken":
                    out.nextToken = try r.readOptionalString().flatMap { $0.isEmpty ? nil : $0 }
                default: try r.skipValue()
                }
            }
            guard seen else { throw AWSOutputShape.describeAlarms.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        return out
    }

    private static func readMetricAlarm(_ r: inout JSONReader) throws(InputError) -> MetricAlarmRecord {
        r.skipWhitespace()
        var a = MetricAlarmRecord(path: r.pathString, offset: r.i)
        func text(_ r: inout JSONReader) throws(InputError) -> String? {
            try r.readOptionalString().flatMap { $0.isEmpty ? nil : $0 }
        }
        try r.beginObject()
        while let f = try r.nextKey() {
            r.skipWhitespace()
            a.keyOffsets[f] = r.i
            switch f {
            case "AlarmName": a.name = try text(&r)
            case "Namespace": a.namespace = try text(&r)
            case "MetricName": a.metricName = try text(&r)
            case "Statistic": a.statistic = try text(&r)
            case "ExtendedStatistic": a.extendedStatistic = try text(&r)
            case "ComparisonOperator": a.comparisonOperator = try text(&r)
            case "TreatMissingData": a.treatMissingData = try text(&r)
            case "EvaluateLowSampleCountPercentile": a.evaluateLowSampleCountPercentile = try text(&r)
            case "StateValue": a.stateValue = try text(&r)
            case "StateReason": a.stateReason = try r.readOptionalString()
            case "ThresholdMetricId": a.thresholdMetricId = try text(&r)
            case "Period": a.period = try r.skipNull() ? nil : r.readInt(in: 1...31_536_000)
            case "EvaluationPeriods": a.evaluationPeriods = try r.skipNull() ? nil : r.readInt(in: 1...100_000)
            case "DatapointsToAlarm": a.datapointsToAlarm = try r.skipNull() ? nil : r.readInt(in: 1...100_000)
            case "Threshold": a.threshold = try r.skipNull() ? nil : r.readNumber()
            case "Dimensions": a.dimensions = try r.skipNull() ? [] : readDimensions(&r)
            case "AlarmActions": a.alarmActions = try r.skipNull() ? [] : r.readStringArray()
            case "StateUpdatedTimestamp": a.stateUpdated = try r.skipNull() ? nil : r.readTimestamp()
            case "StateTransitionedTimestamp": a.stateTransitioned = try r.skipNull() ? nil : r.readTimestamp()
            case "Metrics":
                if try !r.skipNull() {
                    try r.beginArray()
                    while try r.nextElement() { a.usesMetrics = true; try r.skipValue() }
                }
            default: try r.skipValue()
            }
        }
        return a
    }

    /// The 1-based line and column (in characters) of byte `offset` of `bytes`.
    public static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes.prefix(max(0, min(offset, bytes.count)))
        let line = 1 + before.count { $0 == 0x0A }
        let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        return (line, 1 + before[lineStart...].count { $0 & 0xC0 != 0x80 })
    }
}
