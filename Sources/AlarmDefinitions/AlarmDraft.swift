import FleetCore

/// A field of a metric alarm, as each format spells it.
enum AlarmField: Sendable, CaseIterable {
    case name, namespace, metricName, dimensions, statistic, extendedStatistic, period, evaluationPeriods,
         datapointsToAlarm, threshold, comparisonOperator, treatMissingData, evaluateLowSampleCountPercentiles

    /// Terraform and fleetwatch YAML.
    var snakeCase: String {
        switch self {
        case .name: "alarm_name"
        case .namespace: "namespace"
        case .metricName: "metric_name"
        case .dimensions: "dimensions"
        case .statistic: "statistic"
        case .extendedStatistic: "extended_statistic"
        case .period: "period"
        case .evaluationPeriods: "evaluation_periods"
        case .datapointsToAlarm: "datapoints_to_alarm"
        case .threshold: "threshold"
        case .comparisonOperator: "comparison_operator"
        case .treatMissingData: "treat_missing_data"
        case .evaluateLowSampleCountPercentiles: "evaluate_low_sample_count_percentiles"
        }
    }

    /// `aws cloudwatch describe-alarms`.
    var apiName: String {
        switch self {
        case .name: "AlarmName"
        case .namespace: "Namespace"
        case .metricName: "MetricName"
        case .dimensions: "Dimensions"
        case .statistic: "Statistic"
        case .extendedStatistic: "ExtendedStatistic"
        case .period: "Period"
        case .evaluationPeriods: "EvaluationPeriods"
        case .datapointsToAlarm: "DatapointsToAlarm"
        case .threshold: "Threshold"
        case .comparisonOperator: "ComparisonOperator"
        case .treatMissingData: "TreatMissingData"
        case .evaluateLowSampleCountPercentiles: "EvaluateLowSampleCountPercentile"
        }
    }
}

/// Why a draft did not become a definition.
enum AlarmProblem: Error, Sendable, Equatable {
    /// The definition is wrong: the load fails. `field` nil when no single field is to blame.
    case invalid(AlarmField?, String)
    /// A valid CloudWatch alarm the preview cannot evaluate (anomaly detection, trimmed means …):
    /// Terraform and describe-alarms skip it with a note; fleetwatch YAML reports it as an error.
    case unsupported(AlarmField?, String)
}

/// An alarm's fields as read from any of the three formats, before the checks they all share.
struct AlarmDraft: Sendable {
    var name: String?
    var namespace: String?
    var metricName: String?
    var dimensions: [Dimension] = []
    var statistic: String?
    var extendedStatistic: String?
    var period: Int?
    var evaluationPeriods: Int?
    var datapointsToAlarm: Int?
    var threshold: Double?
    var comparisonOperator: String?
    var treatMissingData: String?
    var evaluateLowSampleCountPercentiles: String?

    static let basicStatistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"]
    static let anomalyOperators: Set<String> = [
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    ]

    /// The checks all formats share: required fields, a valid statistic, a period CloudWatch accepts
    /// (10, 30 or a multiple of 60 seconds), `1 <= datapoints_to_alarm <= evaluation_periods`, a finite
    /// threshold, known operator and missing-data names. `spell` names a field in messages.
    func validated(spell: (AlarmField) -> String) throws(AlarmProblem) -> AlarmDefinition {
        func missing(_ field: AlarmField) -> AlarmProblem { .invalid(field, "missing \(spell(field))") }
        guard let name, !name.isEmpty else { throw missing(.name) }
        guard let namespace, !namespace.isEmpty else { throw missing(.namespace) }
        guard let metricName, !metricName.isEmpty else { throw missing(.metricName) }

        let statisticName: String
        switch (statistic, extendedStatistic) {
        case (nil, nil):
            throw .invalid(.statistic, "missing \(spell(.statistic)) or \(spell(.extendedStatistic))")
        case (.some, .some):
            throw .invalid(.extendedStatistic,
                           "set \(spell(.statistic)) or \(spell(.extendedStatistic)), not both")
        case (let basic?, nil):
            statisticName = try Self.checkStatistic(basic, field: .statistic, spell: spell)
        case (nil, let extended?):
            statisticName = try Self.checkStatistic(extended, field: .extendedStatistic, spell: spell)
        }

        guard let period else { throw missing(.period) }
        guard period > 0, period % 60 == 0 || period == 10 || period == 30 else {
            throw .invalid(.period, "\(spell(.period)) \(period) must be 10, 30 or a multiple of 60 seconds")
        }
        guard let evaluationPeriods else { throw missing(.evaluationPeriods) }
        guard evaluationPeriods >= 1 else {
            throw .invalid(.evaluationPeriods, "\(spell(.evaluationPeriods)) must be at least 1, got \(evaluationPeriods)")
        }
        if let datapointsToAlarm {
            guard datapointsToAlarm >= 1, datapointsToAlarm <= evaluationPeriods else {
                throw .invalid(.datapointsToAlarm, "\(spell(.datapointsToAlarm)) \(datapointsToAlarm) must be between 1 "
                    + "and \(spell(.evaluationPeriods)) (\(evaluationPeriods))")
            }
        }
        guard let threshold else { throw missing(.threshold) }
        guard threshold.isFinite else { throw .invalid(.threshold, "\(spell(.threshold)) must be a finite number") }
        guard let comparisonOperator else { throw missing(.comparisonOperator) }
        let comparison = try Self.comparison(comparisonOperator, spell: spell)

        var treat = TreatMissingData.missing
        if let raw = treatMissingData {
            guard let value = TreatMissingData(rawValue: raw) else {
                throw .invalid(.treatMissingData, "\(spell(.treatMissingData)) \(raw.alarmQuoted()) is not one of "
                    + "missing, notBreaching, breaching, ignore" + Self.didYouMean(raw, TreatMissingData.allCases.map(\.rawValue)))
            }
            treat = value
        }
        var lowSample: EvaluateLowSampleCountPercentile?
        if let raw = evaluateLowSampleCountPercentiles {
            guard let value = EvaluateLowSampleCountPercentile(rawValue: raw) else {
                throw .invalid(.evaluateLowSampleCountPercentiles,
                               "\(spell(.evaluateLowSampleCountPercentiles)) \(raw.alarmQuoted()) is not one of evaluate, ignore"
                                   + Self.didYouMean(raw, ["evaluate", "ignore"]))
            }
            lowSample = value
        }
        return AlarmDefinition(
            name: name, namespace: namespace, metricName: metricName, dimensions: dimensions,
            statistic: statisticName, period: period, evaluationPeriods: evaluationPeriods,
            datapointsToAlarm: datapointsToAlarm, threshold: threshold, comparison: comparison,
            treatMissingData: treat, evaluateLowSampleCountPercentile: lowSample)
    }

    /// A statistic ``Statistic`` parses, spelled as CloudWatch spells it; trimmed means and other extended
    /// statistics the evaluator lacks are `.unsupported`.
    static func checkStatistic(_ raw: String, field: AlarmField,
                               spell: (AlarmField) -> String) throws(AlarmProblem) -> String {
        if let parsed = Statistic(raw) { return parsed.isPercentile ? raw : parsed.description }
        let extendedPrefixes = ["tm", "wm", "tc", "ts", "pr", "iqm"]
        let lower = raw.lowercased()
        if field == .extendedStatistic, extendedPrefixes.contains(where: { lower.hasPrefix($0) }) {
            throw .unsupported(field, "\(spell(field)) \(raw.alarmQuoted()) is not supported "
                + "(the preview evaluates SampleCount, Average, Sum, Minimum, Maximum and percentiles pNN)")
        }
        throw .invalid(field, "\(spell(field)) \(raw.alarmQuoted()) is not one of "
            + "SampleCount, Average, Sum, Minimum, Maximum or a percentile like p99"
            + didYouMean(raw, basicStatistics))
    }

    /// API names, or `>`, `>=`, `<`, `<=`; anomaly-detection operators are `.unsupported`.
    static func comparison(_ raw: String, spell: (AlarmField) -> String) throws(AlarmProblem) -> ComparisonOperator {
        if let op = ComparisonOperator(rawValue: raw) { return op }
        if let op = ComparisonOperator.allCases.first(where: { $0.symbol == raw }) { return op }
        if anomalyOperators.contains(raw) {
            throw .unsupported(.comparisonOperator, "\(spell(.comparisonOperator)) \(raw) is an anomaly-detection "
                + "band, which the preview cannot evaluate")
        }
        throw .invalid(.comparisonOperator, "\(spell(.comparisonOperator)) \(raw.alarmQuoted()) is not one of "
            + "GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold, "
            + ">, >=, <, <=" + didYouMean(raw, ComparisonOperator.allCases.map(\.rawValue)))
    }

    /// ` (did you mean Average?)` when `raw` differs from a candidate only in case.
    static func didYouMean(_ raw: String, _ candidates: [String]) -> String {
        guard let match = candidates.first(where: { $0.lowercased() == raw.lowercased() }) else { return "" }
        return " (did you mean \(match)?)"
    }
}
