import Foundation

/// One alarm evaluated over a stretch of raw data: what ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)``
/// returns.
public struct AlarmRun: Sendable, Hashable {
    public var definition: AlarmDefinition
    /// The first evaluation (a period boundary).
    public var start: Date
    /// The last evaluation is at or before this time.
    public var end: Date
    /// The raw points aggregated at the alarm's period and statistic (timestamp = period start).
    public var periodValues: [Datapoint]
    public var timeline: AlarmTimeline
}

extension AlarmEvaluator {
    /// THE alarm-evaluation entry point: alarm definition + raw points + time range → timeline. The
    /// poller's configuration alarms, `fleetwatch preview`, the dashboard's alarm preview and the
    /// simulator's health-check alarm all call it.
    ///
    /// 1. The raw points with `from <= time < to` are kept (either bound may be nil: open).
    /// 2. They are aggregated into datapoints of the alarm's period with its statistic
    ///    (``periodValues(_:period:statistic:)``; with sample counts for a percentile alarm that
    ///    ignores low sample counts).
    /// 3. The alarm is evaluated at every period boundary from the first period to the end
    ///    (``timeline(_:periodValues:sampleCounts:start:end:evaluationRange:)``): the first period is
    ///    the one holding the first kept point, or `from` when no point is kept; the end is `to`, or
    ///    the end of the last kept point's period.
    ///
    /// A range with no datapoints in it is evaluated, not refused: every evaluation sees an empty
    /// evaluation range, and the CloudWatch user guide's missing-data rules decide ("Configuring how
    /// CloudWatch alarms treat missing data", the row where all datapoints are missing:
    /// `missing` → INSUFFICIENT_DATA, `breaching` → ALARM, `notBreaching` → OK, `ignore` keeps the
    /// current state). Only when neither the points nor `from` say where the first period is (no
    /// `from` and nothing kept) is there nothing to evaluate: the timeline is empty.
    public static func run<C: Collection>(_ definition: AlarmDefinition, rawPoints: C, from: Date? = nil,
                                          to: Date? = nil, evaluationRange: Int? = nil) -> AlarmRun
    where C.Element == Datapoint {
        var kept = Array(rawPoints)
        if from != nil || to != nil {
            kept.removeAll { point in
                (from.map { point.time < $0 } ?? false) || (to.map { point.time >= $0 } ?? false)
            }
        }
        let values = periodValues(kept, period: definition.period, statistic: definition.statistic)
        let firstTime = kept.min(by: { $0.time < $1.time })?.time ?? from
        let lastTime = kept.max(by: { $0.time < $1.time })?.time
        guard definition.period > 0, let firstTime else {
            let at = to ?? from ?? Date(timeIntervalSince1970: 0)
            return AlarmRun(definition: definition, start: at, end: at, periodValues: values, timeline: AlarmTimeline())
        }
        let start = definition.periodStart(containing: firstTime)
        let end = to ?? lastTime.map { definition.periodEnd(containing: $0) } ?? definition.periodEnd(containing: firstTime)
        let needsCounts = definition.evaluateLowSampleCountPercentile == .ignore
            && Statistic(definition.statistic)?.isPercentile == true
        let counts = needsCounts ? periodValues(kept, period: definition.period, statistic: "SampleCount") : []
        let timeline = timeline(definition, periodValues: values, sampleCounts: counts, start: start, end: end,
                                evaluationRange: evaluationRange)
        return AlarmRun(definition: definition, start: start, end: end, periodValues: values, timeline: timeline)
    }
}
