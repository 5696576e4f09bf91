import FleetCore
import Foundation

/// The alarm threshold preview (key `a`): one alarm's definition as edited, evaluated over the
/// data the dashboard holds, beside the alarm as defined. Pure values: the evaluation is redone
/// by `update` whenever the definition or the data changes, never by `view`.
public struct AlarmPreview: Sendable {
    /// Which of the fleet's alarms is being tuned.
    public var alarmIndex: Int
    /// The definition as the alarm has it.
    public var original: AlarmDefinition
    /// The definition being tuned.
    public var edited: AlarmDefinition
    /// The outcome of each over the data, when there is data for the alarm's metric.
    public private(set) var originalOutcome: Outcome?
    public private(set) var editedOutcome: Outcome?
    /// Show the Terraform / CLI text for the edited definition (`w`).
    public var showExport = false
    /// That text, once the loop has written it (``DashboardEvent/exported(_:)``): the writers live
    /// with the alarm definitions, not in the dashboard.
    public var exportText: String?

    /// What evaluating one definition over the data gave.
    public struct Outcome: Sendable, Hashable {
        public var timeline: AlarmTimeline
        /// The datapoints at the alarm's period, and which of them breach.
        public var periodValues: [Datapoint]
        public var breaching: [Datapoint]
        /// Intervals spent in ALARM, as [start, end).
        public var alarmIntervals: [(start: Date, end: Date)]
        /// The first evaluation, and the end of the evaluated range.
        public var start: Date
        public var end: Date

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.timeline == b.timeline && a.periodValues == b.periodValues
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(timeline) }
    }

    public init(alarmIndex: Int, definition: AlarmDefinition) {
        self.alarmIndex = alarmIndex
        self.original = definition
        self.edited = definition
    }

    /// The statistics `s` cycles through, the original one included.
    static let statistics = ["Maximum", "Average", "Sum", "Minimum", "SampleCount", "p90", "p99"]
    /// The periods `r` cycles through, in seconds.
    static let periods = [60, 300, 900, 3600]

    var changed: Bool { edited != original }

    // MARK: editing

    /// The threshold step: 1 for counts of hosts and similar small integers, else about 1 % of
    /// the threshold's magnitude (coarse steps are ten of these).
    func thresholdStep(coarse: Bool) -> Double {
        Self.step(for: original.threshold, coarse: coarse)
    }

    /// The step for nudging `value` (a threshold, a scaling target): 1 for small integers, 0.1 for small
    /// fractions, else about 1 % of its magnitude; coarse steps are ten of these.
    static func step(for value: Double, coarse: Bool) -> Double {
        let magnitude = max(abs(value), 1)
        let fine = magnitude < 20 ? (value == value.rounded() ? 1 : 0.1)
            : pow(10, floor(log10(magnitude)) - 1)
        return coarse ? fine * 10 : fine
    }

    mutating func nudgeThreshold(up: Bool, coarse: Bool) {
        let step = thresholdStep(coarse: coarse)
        edited.threshold = ((edited.threshold + (up ? step : -step)) / step).rounded() * step
    }

    mutating func changeEvaluationPeriods(by delta: Int) {
        edited.evaluationPeriods = min(max(1, edited.evaluationPeriods + delta), 100)
        edited.datapointsToAlarm = min(edited.datapointsToAlarm, edited.evaluationPeriods)
    }

    mutating func changeDatapointsToAlarm(by delta: Int) {
        edited.datapointsToAlarm = min(max(1, edited.datapointsToAlarm + delta), edited.evaluationPeriods)
    }

    mutating func cycleStatistic() {
        edited.statistic = Self.next(in: Self.statistics, after: edited.statistic)
    }

    mutating func cyclePeriod() {
        edited.period = Self.next(in: Self.periods, after: edited.period)
    }

    mutating func cycleTreatMissingData() {
        edited.treatMissingData = Self.next(in: TreatMissingData.allCases, after: edited.treatMissingData)
    }

    mutating func cycleComparison() {
        edited.comparison = Self.next(in: ComparisonOperator.allCases, after: edited.comparison)
    }

    static func next<T: Equatable>(in list: [T], after value: T) -> T {
        guard let i = list.firstIndex(of: value) else { return list[0] }
        return list[(i + 1) % list.count]
    }

    // MARK: evaluation

    /// Re-evaluates both definitions over the raw 1-minute points of the alarm's metric.
    mutating func evaluate(points: [Datapoint]) {
        originalOutcome = Self.outcome(original, points: points)
        editedOutcome = edited == original ? originalOutcome : Self.outcome(edited, points: points)
    }

    static func outcome(_ definition: AlarmDefinition, points: [Datapoint]) -> Outcome? {
        let run = AlarmEvaluator.run(definition, rawPoints: points)
        let values = run.periodValues, timeline = run.timeline, end = run.end
        guard !values.isEmpty else { return nil }
        let breaching = values.filter { definition.comparison.breaches($0.value, definition.threshold) }
        return Outcome(timeline: timeline, periodValues: values, breaching: breaching,
                       alarmIntervals: timeline.alarmIntervals(until: end), start: run.start, end: end)
    }
}
