// The Terraform and put-metric-alarm writers: the reverse of the readers beside them.
import FleetCore

extension AlarmDefinition {
    /// The definition as an `aws_cloudwatch_metric_alarm` Terraform block.
    public var terraform: String {
        let resource = name.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        var lines = ["resource \"aws_cloudwatch_metric_alarm\" \"\(String(resource))\" {"]
        func field(_ key: String, _ value: String) {
            lines.append("  " + key.padding(toLength: 19, withPad: " ", startingAt: 0) + " = " + value)
        }
        field("alarm_name", quoted(name))
        field("namespace", quoted(namespace))
        field("metric_name", quoted(metricName))
        if Statistic(statistic)?.isPercentile == true {
            field("extended_statistic", quoted(statistic))
        } else {
            field("statistic", quoted(statistic))
        }
        field("period", "\(period)")
        field("evaluation_periods", "\(evaluationPeriods)")
        field("datapoints_to_alarm", "\(datapointsToAlarm)")
        field("threshold", AlarmDefinition.number(threshold))
        field("comparison_operator", quoted(comparison.rawValue))
        field("treat_missing_data", quoted(treatMissingData.rawValue))
        if !dimensions.isEmpty {
            lines.append("  dimensions = {")
            for d in dimensions { lines.append("    \(d.name) = \(quoted(d.value))") }
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// The definition as an `aws cloudwatch put-metric-alarm` command line. It replaces the whole
    /// alarm, so the alarm's actions must be added back (said in a comment above the command).
    public var putMetricAlarmCommand: String {
        var args = ["aws", "cloudwatch", "put-metric-alarm",
                    "--alarm-name", shellQuoted(name),
                    "--namespace", shellQuoted(namespace),
                    "--metric-name", shellQuoted(metricName)]
        if Statistic(statistic)?.isPercentile == true {
            args += ["--extended-statistic", shellQuoted(statistic)]
        } else {
            args += ["--statistic", shellQuoted(statistic)]
        }
        args += ["--period", "\(period)", "--evaluation-periods", "\(evaluationPeriods)",
                 "--datapoints-to-alarm", "\(datapointsToAlarm)", "--threshold", AlarmDefinition.number(threshold),
                 "--comparison-operator", comparison.rawValue, "--treat-missing-data", treatMissingData.rawValue]
        if !dimensions.isEmpty {
            args.append("--dimensions")
            args += dimensions.map { shellQuoted("Name=\($0.name),Value=\($0.value)") }
        }
        return "# put-metric-alarm replaces the alarm: add its --alarm-actions / --ok-actions back\n"
            + args.joined(separator: " ")
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

/// `"text"` with HCL escapes.
func quoted(_ text: String) -> String {
    var out = "\""
    for c in text {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "$": out += "$$"
        default: out.append(c)
        }
    }
    return out + "\""
}

/// A POSIX shell word: bare when it is plainly safe, else in single quotes.
func shellQuoted(_ text: String) -> String {
    let safe = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=,:@%+".contains($0)) }
    if safe && !text.isEmpty { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
