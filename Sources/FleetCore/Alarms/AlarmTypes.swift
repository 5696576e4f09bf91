import Foundation

/// The three states of a CloudWatch alarm.
public enum AlarmState: String, Sendable, Hashable, Codable, CaseIterable {
    case ok = "OK"
    case alarm = "ALARM"
    case insufficientData = "INSUFFICIENT_DATA"
}

/// `ComparisonOperator` of a metric alarm.
public enum ComparisonOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case greaterThanThreshold = "GreaterThanThreshold"
    case greaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold"
    case lessThanThreshold = "LessThanThreshold"
    case lessThanOrEqualToThreshold = "LessThanOrEqualToThreshold"

    /// True when `value` breaches `threshold`.
    public func breaches(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .greaterThanThreshold: value > threshold
        case .greaterThanOrEqualToThreshold: value >= threshold
        case .lessThanThreshold: value < threshold
        case .lessThanOrEqualToThreshold: value <= threshold
        }
    }

    /// `>`, `>=`, `<`, `<=`.
    public var symbol: String {
        switch self {
        case .greaterThanThreshold: ">"
        case .greaterThanOrEqualToThreshold: ">="
        case .lessThanThreshold: "<"
        case .lessThanOrEqualToThreshold: "<="
        }
    }
}

/// `TreatMissingData` of a metric alarm.
public enum TreatMissingData: String, Sendable, Hashable, Codable, CaseIterable {
    case missing, notBreaching, breaching, ignore
}

/// `EvaluateLowSampleCountPercentile` of a percentile alarm: what to do while a period holds too few
/// samples for the percentile to be statistically significant.
public enum EvaluateLowSampleCountPercentile: String, Sendable, Hashable, Codable, CaseIterable {
    /// Evaluate anyway (CloudWatch's default).
    case evaluate
    /// Keep the current state during such periods.
    case ignore
}

/// A metric alarm's definition, with CloudWatch's field meanings.
public struct AlarmDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var namespace: String
    public var metricName: String
    public var dimensions: [Dimension]
    /// `SampleCount`, `Average`, `Sum`, `Minimum`, `Maximum`, or a percentile like `p99`.
    public var statistic: String
    /// Seconds.
    public var period: Int
    public var evaluationPeriods: Int
    public var datapointsToAlarm: Int
    public var threshold: Double
    public var comparison: ComparisonOperator
    public var treatMissingData: TreatMissingData
    /// Only for percentile statistics; `nil` behaves as `.evaluate`, CloudWatch's default.
    public var evaluateLowSampleCountPercentile: EvaluateLowSampleCountPercentile?

    public init(name: String, namespace: String, metricName: String, dimensions: [Dimension] = [],
                statistic: String, period: Int, evaluationPeriods: Int, datapointsToAlarm: Int? = nil,
                threshold: Double, comparison: ComparisonOperator, treatMissingData: TreatMissingData = .missing,
                evaluateLowSampleCountPercentile: EvaluateLowSampleCountPercentile? = nil) {
        self.name = name
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions.sorted()
        self.statistic = statistic
        self.period = period
        self.evaluationPeriods = evaluationPeriods
        self.datapointsToAlarm = datapointsToAlarm ?? evaluationPeriods
        self.threshold = threshold
        self.comparison = comparison
        self.treatMissingData = treatMissingData
        self.evaluateLowSampleCountPercentile = evaluateLowSampleCountPercentile
    }

    /// The Erato health-check alarm: `UnHealthyHostCount > 1` for 2 periods of 300 s.
    public static func eratoHealthCheck(fleet: FleetInfo) -> AlarmDefinition {
        AlarmDefinition(
            name: "erato-health-check-failures", namespace: "AWS/ApplicationELB",
            metricName: "UnHealthyHostCount",
            dimensions: [Dimension("LoadBalancer", "app/\(fleet.loadBalancer)/50dc6c495c0c9188")],
            statistic: "Maximum", period: 300, evaluationPeriods: 2, threshold: 1,
            comparison: .greaterThanThreshold)
    }
}

/// An alarm and where it stands now.
public struct AlarmStatus: Sendable, Hashable, Codable {
    public var definition: AlarmDefinition
    public var state: AlarmState
    /// When the alarm entered `state`, when known.
    public var since: Date?
    public var reason: String

    public init(definition: AlarmDefinition, state: AlarmState, since: Date? = nil, reason: String = "") {
        self.definition = definition
        self.state = state
        self.since = since
        self.reason = reason
    }

    public var name: String { definition.name }
}

/// A target-tracking scaling target drawn as a line, e.g. CPU 70 %.
public struct TargetLine: Sendable, Hashable, Codable {
    public var metric: PanelMetric
    public var value: Double
    public var label: String

    public init(metric: PanelMetric, value: Double, label: String) {
        self.metric = metric
        self.value = value
        self.label = label
    }
}

extension AlarmDefinition {
    /// The start of the alarm's period that holds `date` (periods are aligned to the epoch).
    public func periodStart(containing date: Date) -> Date {
        let p = Double(period)
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / p).rounded(.down) * p)
    }

    /// The end of the alarm's period that holds `date`.
    public func periodEnd(containing date: Date) -> Date {
        periodStart(containing: date).addingTimeInterval(Double(period))
    }
}
