import FleetCore
import Foundation

/// One page of `aws cloudwatch describe-alarms` output (the CLI's or the API's: the JSON is the same).
public struct DescribeAlarmsPage: Sendable, Hashable {
    /// The single-metric threshold alarms, with their state.
    public var alarms: [AlarmStatus] = []
    /// `NextToken`, nil on the last page.
    public var nextToken: String?
    /// What was skipped (metric math, anomaly detection, composite alarms), one line each.
    public var warnings: [String] = []
}

extension CloudWatchFiles {
    /// Decodes `aws cloudwatch describe-alarms` output: each of `MetricAlarms[]` on a single metric
    /// becomes an `AlarmStatus`. Metric-math alarms (no `MetricName`), anomaly-detection alarms
    /// (`ThresholdMetricId` or a band operator) and `CompositeAlarms` are skipped with a warning.
    public static func decodeAlarms(_ bytes: [UInt8], file: String,
                                    warnings: inout [String]) throws(InputError) -> [AlarmStatus] {
        let page = try decodeAlarmsPage(bytes, file: file)
        warnings += page.warnings
        return page.alarms
    }

    /// THE describe-alarms decoder, for the files source and the live API alike. A field a
    /// single-metric alarm needs (`StateValue`, `Statistic` or `ExtendedStatistic`, `Period`,
    /// `EvaluationPeriods`, `Threshold`, `ComparisonOperator`) that is missing is an error naming the
    /// alarm and the field, never a default. Output of another command is refused (no `MetricAlarms`).
    public static func decodeAlarmsPage(_ bytes: [UInt8], file: String) throws(InputError) -> DescribeAlarmsPage {
        var page = DescribeAlarmsPage()
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.beginOutput(.describeAlarms)
            var seen = false
            while let k = try r.nextKey() {
                switch k {
                case "MetricAlarms":
                    seen = true
                    try r.beginArray()
                    while try r.nextElement() {
                        if let alarm = try readAlarm(&r, file: file, warnings: &page.warnings) { page.alarms.append(alarm) }
                    }
                case "CompositeAlarms":
                    seen = true
                    let at = r.pathString
                    try r.beginArray()
                    var n = 0
                    while try r.nextElement() { n += 1; try r.skipValue() }
                    if n > 0 { page.warnings.append("\(file): \(at): \(n) composite alarm(s) not shown") }
                case "NextToken":
                    page.nextToken = try r.readOptionalString().flatMap { $0.isEmpty ? nil : $0 }
                default: try r.skipValue()
                }
            }
            guard seen else { throw AWSOutputShape.describeAlarms.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        return page
    }

    /// The anomaly-detection band operators: no fixed threshold to draw or evaluate.
    static let bandOperators: Set<String> = [
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    ]

    /// One element of `MetricAlarms`; nil (with a warning) for an alarm that is not on a single metric.
    private static func readAlarm(_ r: inout JSONReader, file: String,
                                  warnings: inout [String]) throws(InputError) -> AlarmStatus? {
        let at = r.pathString
        var name: String?, state: String?, since: Date?, transitioned: Date?, reason = ""
        var threshold: Double?, comparison: String?, evaluationPeriods: Int?, datapoints: Int?
        var period: Int?, statistic: String?, treat: String?, lowSample: String?, thresholdMetric: String?
        var namespace: String?, metricName: String?, dims: [FleetCore.Dimension] = []
        try r.beginObject()
        while let f = try r.nextKey() {
            switch f {
            case "AlarmName": name = try r.readString()
            case "StateValue": state = try r.readString()
            case "StateUpdatedTimestamp": since = try r.skipNull() ? nil : r.readTimestamp()
            case "StateTransitionedTimestamp": transitioned = try r.skipNull() ? nil : r.readTimestamp()
            case "StateReason": reason = try r.readOptionalString() ?? ""
            case "Threshold": threshold = try r.skipNull() ? nil : r.readNumber()
            case "ComparisonOperator": comparison = try r.readOptionalString()
            case "EvaluationPeriods": evaluationPeriods = try r.skipNull() ? nil : r.readInt()
            case "DatapointsToAlarm": datapoints = try r.skipNull() ? nil : r.readInt()
            case "Period": period = try r.skipNull() ? nil : r.readInt()
            case "Statistic", "ExtendedStatistic": statistic = try r.readOptionalString() ?? statistic
            case "TreatMissingData": treat = try r.readOptionalString()
            case "EvaluateLowSampleCountPercentile": lowSample = try r.readOptionalString()
            case "ThresholdMetricId": thresholdMetric = try r.readOptionalString()
            case "Namespace": namespace = try r.readOptionalString()
            case "MetricName": metricName = try r.readOptionalString()
            case "Dimensions": dims = try r.skipNull() ? [] : readDimensions(&r)
            default: try r.skipValue()
            }
        }
        guard let name else { throw InputError(file: file, path: at, message: "alarm without AlarmName") }
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(file: file, path: "\(at).\(field)", message: "alarm \(name): \(message)")
        }
        guard let stateText = state else { throw fail("StateValue", "missing") }
        guard let alarmState = AlarmState(rawValue: stateText) else {
            throw fail("StateValue", "unknown state \"\(stateText)\"")
        }
        guard let metricName, thresholdMetric == nil, !bandOperators.contains(comparison ?? "") else {
            warnings.append("\(file): \(at): alarm \(name) is not a single-metric threshold alarm; not shown")
            return nil
        }
        guard let statistic else { throw fail("Statistic", "missing (and no ExtendedStatistic)") }
        guard let period else { throw fail("Period", "missing") }
        guard let evaluationPeriods else { throw fail("EvaluationPeriods", "missing") }
        guard let threshold else { throw fail("Threshold", "missing") }
        guard let comparison else { throw fail("ComparisonOperator", "missing") }
        guard let op = ComparisonOperator(rawValue: comparison) else {
            throw fail("ComparisonOperator", "unknown operator \"\(comparison)\"")
        }
        var treatMissing = TreatMissingData.missing
        if let treat {
            guard let t = TreatMissingData(rawValue: treat) else {
                throw fail("TreatMissingData", "unknown value \"\(treat)\"")
            }
            treatMissing = t
        }
        var low: EvaluateLowSampleCountPercentile?
        if let lowSample, !lowSample.isEmpty {
            guard let l = EvaluateLowSampleCountPercentile(rawValue: lowSample) else {
                throw fail("EvaluateLowSampleCountPercentile", "unknown value \"\(lowSample)\"")
            }
            low = l
        }
        let definition = AlarmDefinition(
            name: name, namespace: namespace ?? MetricNaming.namespace(of: metricName) ?? "",
            metricName: metricName, dimensions: dims, statistic: statistic, period: period,
            evaluationPeriods: evaluationPeriods, datapointsToAlarm: datapoints, threshold: threshold,
            comparison: op, treatMissingData: treatMissing, evaluateLowSampleCountPercentile: low)
        return AlarmStatus(definition: definition, state: alarmState, since: transitioned ?? since, reason: reason)
    }
}
