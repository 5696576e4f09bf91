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

    /// One page of describe-alarms (``decodeDescribeAlarms(_:file:)``) as the files source and the live
    /// API show it. A field a single-metric alarm needs (`StateValue`, `Statistic` or
    /// `ExtendedStatistic`, `Period`, `EvaluationPeriods`, `Threshold`, `ComparisonOperator`) that is
    /// missing is an error naming the alarm and the field, never a default.
    public static func decodeAlarmsPage(_ bytes: [UInt8], file: String) throws(InputError) -> DescribeAlarmsPage {
        let output = try decodeDescribeAlarms(bytes, file: file)
        var page = DescribeAlarmsPage(nextToken: output.nextToken)
        for record in output.metricAlarms {
            if let alarm = try status(record, file: file, warnings: &page.warnings) { page.alarms.append(alarm) }
        }
        if output.compositeAlarms > 0 {
            page.warnings.append("\(file): CompositeAlarms: \(output.compositeAlarms) composite alarm(s) not shown")
        }
        return page
    }

    /// The anomaly-detection band operators: no fixed threshold to draw or evaluate.
    public static let bandOperators: Set<String> = [
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    ]

    /// One alarm record as the dashboard shows it; nil (with a warning) for one not on a single metric.
    private static func status(_ a: MetricAlarmRecord, file: String,
                               warnings: inout [String]) throws(InputError) -> AlarmStatus? {
        let at = a.path
        guard let name = a.name else { throw InputError(file: file, path: at, message: "alarm without AlarmName") }
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(file: file, path: "\(at).\(field)", message: "alarm \(name): \(message)")
        }
        guard let stateText = a.stateValue else { throw fail("StateValue", "missing") }
        guard let alarmState = AlarmState(rawValue: stateText) else {
            throw fail("StateValue", "unknown state \"\(stateText)\"")
        }
        guard let metricName = a.metricName, !a.usesMetrics, a.thresholdMetricId == nil,
              !bandOperators.contains(a.comparisonOperator ?? "") else {
            warnings.append("\(file): \(at): alarm \(name) is not a single-metric threshold alarm; not shown")
            return nil
        }
        guard let statistic = a.statistic ?? a.extendedStatistic else {
            throw fail("Statistic", "missing (and no ExtendedStatistic)")
        }
        guard let period = a.period else { throw fail("Period", "missing") }
        guard let evaluationPeriods = a.evaluationPeriods else { throw fail("EvaluationPeriods", "missing") }
        guard let threshold = a.threshold else { throw fail("Threshold", "missing") }
        guard let comparison = a.comparisonOperator else { throw fail("ComparisonOperator", "missing") }
        guard let op = ComparisonOperator(rawValue: comparison) else {
            throw fail("ComparisonOperator", "unknown operator \"\(comparison)\"")
        }
        var treatMissing = TreatMissingData.missing
        if let treat = a.treatMissingData {
            guard let t = TreatMissingData(rawValue: treat) else {
                throw fail("TreatMissingData", "unknown value \"\(treat)\"")
            }
            treatMissing = t
        }
        var low: EvaluateLowSampleCountPercentile?
        if let lowSample = a.evaluateLowSampleCountPercentile {
            guard let l = EvaluateLowSampleCountPercentile(rawValue: lowSample) else {
                throw fail("EvaluateLowSampleCountPercentile", "unknown value \"\(lowSample)\"")
            }
            low = l
        }
        let definition = AlarmDefinition(
            name: name, namespace: a.namespace ?? MetricNaming.namespace(of: metricName) ?? "",
            metricName: metricName, dimensions: a.dimensions, statistic: statistic, period: period,
            evaluationPeriods: evaluationPeriods, datapointsToAlarm: a.datapointsToAlarm, threshold: threshold,
            comparison: op, treatMissingData: treatMissing, evaluateLowSampleCountPercentile: low)
        return AlarmStatus(definition: definition, state: alarmState, since: a.stateTransitioned ?? a.stateUpdated,
                           reason: a.stateReason ?? "")
    }
}
