import FleetCore
import Foundation

extension CloudWatchFiles {
    /// Decodes `aws cloudwatch describe-alarms` output: each of `MetricAlarms[]` on a single metric
    /// becomes an `AlarmStatus`. Metric-math and anomaly-detection alarms (no `MetricName`, no
    /// `Threshold`, or a band operator) and `CompositeAlarms` are skipped with a warning.
    public static func decodeAlarms(_ bytes: [UInt8], file: String,
                                    warnings: inout [String]) throws(FileSourceError) -> [AlarmStatus] {
        var out: [AlarmStatus] = []
        var skipped: [String] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(FileSourceError) in
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "MetricAlarms":
                    try r.beginArray()
                    while try r.nextElement() {
                        let at = r.pathString
                        var name: String?, state: String?, since: Date?, reason = ""
                        var threshold: Double?, comparison: String?, evaluationPeriods: Int?, datapoints: Int?
                        var period: Int?, statistic: String?, treat: String?, lowSample: String?
                        var namespace: String?, metricName: String?, dims: [FleetCore.Dimension] = []
                        try r.beginObject()
                        while let f = try r.nextKey() {
                            switch f {
                            case "AlarmName": name = try r.readString()
                            case "StateValue": state = try r.readString()
                            case "StateUpdatedTimestamp": since = try r.skipNull() ? nil : r.readTimestamp()
                            case "StateReason": reason = try r.readOptionalString() ?? ""
                            case "Threshold": threshold = try r.skipNull() ? nil : r.readNumber()
                            case "ComparisonOperator": comparison = try r.readOptionalString()
                            case "EvaluationPeriods": evaluationPeriods = try r.skipNull() ? nil : r.readInt()
                            case "DatapointsToAlarm": datapoints = try r.skipNull() ? nil : r.readInt()
                            case "Period": period = try r.skipNull() ? nil : r.readInt()
                            case "Statistic", "ExtendedStatistic": statistic = try r.readOptionalString() ?? statistic
                            case "TreatMissingData": treat = try r.readOptionalString()
                            case "EvaluateLowSampleCountPercentile": lowSample = try r.readOptionalString()
                            case "Namespace": namespace = try r.readOptionalString()
                            case "MetricName": metricName = try r.readOptionalString()
                            case "Dimensions": dims = try r.skipNull() ? [] : readDimensions(&r)
                            default: try r.skipValue()
                            }
                        }
                        guard let name else {
                            throw FileSourceError(file: file, location: at, message: "alarm without AlarmName")
                        }
                        func fail(_ field: String, _ message: String) -> FileSourceError {
                            FileSourceError(file: file, location: "\(at).\(field)", message: "alarm \(name): \(message)")
                        }
                        guard let stateText = state else { throw fail("StateValue", "missing") }
                        guard let alarmState = AlarmState(rawValue: stateText) else {
                            throw fail("StateValue", "unknown state \"\(stateText)\"")
                        }
                        guard let metricName, let statistic, let period, let threshold,
                              let op = comparison.flatMap(ComparisonOperator.init(rawValue:)) else {
                            skipped.append("\(file): \(at): alarm \(name) is not a single-metric threshold alarm; not shown")
                            continue
                        }
                        guard let evaluationPeriods else { throw fail("EvaluationPeriods", "missing") }
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
                        out.append(AlarmStatus(definition: definition, state: alarmState, since: since, reason: reason))
                    }
                case "CompositeAlarms":
                    let at = r.pathString
                    try r.beginArray()
                    var n = 0
                    while try r.nextElement() { n += 1; try r.skipValue() }
                    if n > 0 { skipped.append("\(file): \(at): \(n) composite alarm(s) not shown") }
                default: try r.skipValue()
                }
            }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        warnings += skipped
        return out
    }
}
