import AWSFormats
import FleetCore
import Foundation

/// Reads `aws cloudwatch describe-alarms` output as alarm definitions, with the one describe-alarms
/// decoder of AWSFormats (``CloudWatchFiles/decodeDescribeAlarms(_:file:)``): each entry of
/// `MetricAlarms` becomes a definition and its `StateValue` the current state. Metric-math alarms
/// (`Metrics`), anomaly detection (`ThresholdMetricId`, band operators), extended statistics other
/// than percentiles and `CompositeAlarms` are skipped with a note. Errors name the line of the
/// offending key: `alarms.json:14: MetricAlarms[1].Period: Period 45 must be 10, 30 or a multiple of
/// 60 seconds`; JSON syntax errors name line and column.
public enum DescribeAlarmsDefinitions {
    public static func load(text: String, file: String) throws -> LoadedAlarms {
        let bytes = Array(text.utf8)
        let output: DescribeAlarmsOutput
        do {
            output = try CloudWatchFiles.decodeDescribeAlarms(bytes, file: file)
        } catch {
            guard let offset = error.byteOffset else { throw error }
            let (line, column) = CloudWatchFiles.lineAndColumn(of: offset, in: bytes)
            throw InputError(file: file, line: line, column: column, path: error.path, message: error.message)
        }
        var result = LoadedAlarms()
        for record in output.metricAlarms {
            try read(record, file: file, bytes: bytes, into: &result)
        }
        if output.compositeAlarms > 0 {
            let n = output.compositeAlarms
            result.notes.append("\(file): \(n) composite alarm\(n == 1 ? "" : "s") skipped: the preview evaluates metric alarms only")
        }
        return result
    }

    private static func read(_ a: MetricAlarmRecord, file: String, bytes: [UInt8],
                             into result: inout LoadedAlarms) throws {
        func line(_ key: String?) -> Int { CloudWatchFiles.lineAndColumn(of: a.offset(of: key), in: bytes).line }
        func failure(_ key: String?, _ message: String) -> InputError {
            InputError(file: file, line: line(key), path: a.path + (key.map { ".\($0)" } ?? ""), message: message)
        }
        func note(_ message: String) -> String {
            "\(file):\(line(nil)): \(a.path)\(a.name.map { " \($0.alarmQuoted())" } ?? "") \(message)"
        }
        if a.usesMetrics {
            result.notes.append(note("skipped: uses Metrics (metric math); the preview evaluates single-metric alarms only"))
            return
        }
        if a.thresholdMetricId != nil {
            result.notes.append(note("skipped: uses ThresholdMetricId (anomaly detection), which the preview cannot evaluate"))
            return
        }
        var draft = AlarmDraft()
        draft.name = a.name
        draft.namespace = a.namespace
        draft.metricName = a.metricName
        draft.statistic = a.statistic
        draft.extendedStatistic = a.extendedStatistic
        draft.period = a.period
        draft.evaluationPeriods = a.evaluationPeriods
        draft.datapointsToAlarm = a.datapointsToAlarm
        draft.threshold = a.threshold
        draft.comparisonOperator = a.comparisonOperator
        draft.treatMissingData = a.treatMissingData
        draft.evaluateLowSampleCountPercentiles = a.evaluateLowSampleCountPercentile
        var names = Set<String>()
        for d in a.dimensions where !names.insert(d.name).inserted {
            throw failure("Dimensions", "\(d.name) is given twice")
        }
        draft.dimensions = a.dimensions
        let definition: AlarmDefinition
        do {
            definition = try draft.validated { $0.apiName }
        } catch {
            switch error {
            case .invalid(let field, let message): throw failure(field?.apiName, message)
            case .unsupported(_, let message):
                result.notes.append(note("skipped: " + message))
                return
            }
        }
        var loaded = LoadedAlarms(definitions: [definition])
        if let raw = a.stateValue {
            guard let state = AlarmState(rawValue: raw) else {
                throw failure("StateValue", "\(raw.alarmQuoted()) is not one of OK, ALARM, INSUFFICIENT_DATA")
            }
            loaded.states[definition.name] = state
        }
        if !a.alarmActions.isEmpty { loaded.actions[definition.name] = a.alarmActions }
        result.append(loaded)
    }
}
