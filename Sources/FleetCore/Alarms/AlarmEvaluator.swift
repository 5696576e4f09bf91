import Foundation

/// Replays CloudWatch metric-alarm evaluation over recorded data.
///
/// The rules, as the CloudWatch user guide states them ("Alarm evaluation", "Configuring how CloudWatch
/// alarms treat missing data", "Avoiding premature transitions to alarm state", "Percentile-based alarms
/// and low data samples"):
///
/// - **Periods.** Raw values are aggregated into datapoints of `Period` seconds with the alarm's
///   statistic; a datapoint is stamped with its period's start, periods are aligned to the epoch
///   (``periodValues(_:period:statistic:)``). The alarm is evaluated at every period boundary E and sees
///   the datapoints whose periods have ended (start + period <= E).
/// - **M out of N.** `EvaluationPeriods` is N, `DatapointsToAlarm` is M. The state is ALARM when at least
///   M of the N datapoints evaluated breach the threshold (`>`, `>=`, `<`, `<=`), otherwise OK. The
///   breaching datapoints need not be consecutive.
/// - **Evaluation range.** CloudWatch fetches more periods than N (the *evaluation range*; the docs'
///   examples use 5 for N = 3) and then:
///   1. if the range holds at least N real datapoints, it evaluates the N most recent real ones, reaching
///      further back past gaps; `TreatMissingData` plays no part;
///   2. if it holds fewer than N but at least one, all of them are used and only the shortfall (N minus
///      the real ones) is filled in from `TreatMissingData` ("as few times as possible"):
///      `breaching` fills breaching points, `notBreaching` fills good ones; with `missing` and `ignore`
///      nothing is filled and the real points decide: ALARM if M of them breach, OK if any of them is
///      not breaching; if all of them breach but fewer than M, the *premature alarm* rule applies: ALARM
///      when the oldest breaching datapoint is at least M periods old (newest period = 1) under `missing`,
///      otherwise INSUFFICIENT_DATA (`missing`) or the current state kept (`ignore`), because the next
///      datapoint may well be good;
///   3. if the range holds no datapoint at all: `missing` gives INSUFFICIENT_DATA, `ignore` keeps the
///      current state, `breaching` gives ALARM and `notBreaching` OK.
/// - **Start.** An alarm starts in INSUFFICIENT_DATA; `ignore` can keep it there.
/// - **Low sample counts.** For a percentile statistic with `EvaluateLowSampleCountPercentile = ignore`,
///   an evaluation whose newest period holds fewer samples than ``Statistic/lowSampleCountThreshold``
///   (`10/(1-p)`, or `10/p` below p50) keeps the current state. This needs the periods' sample counts
///   (``timeline(_:periodValues:sampleCounts:start:end:evaluationRange:)`` or
///   ``run(_:rawPoints:from:to:evaluationRange:)``, the entry point); without them every period is evaluated.
///
/// Documented choices where CloudWatch is silent or inconsistent:
/// - **Default evaluation range: N + 2 periods.** CloudWatch only says the range "depends on the length
///   of the alarm period and whether it is based on a metric with standard resolution or high resolution";
///   every example in its docs uses 5 for N = 3, so N + 2 reproduces them all. Pass `evaluationRange` to
///   choose another (values below N are raised to N).
/// - **Premature alarm age uses M.** The docs' prose says "Datapoints to Alarm" in one paragraph and
///   "Evaluation Periods" in the next; only M reproduces the tables' `- - - X -` row for 2 of 3 (ALARM).
///   The rule also requires that no real datapoint in the range is non-breaching: that is what keeps
///   `0 - X - -` (2 of 3) at OK, as the table says, and the older docs' wording for `X - - - -`
///   ("there aren't any non-breaching data points").
/// - **`ignore` with a decisive partial window.** With fewer than N datapoints, `ignore` still moves to
///   ALARM when M of the real ones breach, and to OK when one is good (the tables' `0 - - - -`, `0 - X - -`
///   and `- - - - 0` rows say OK); it keeps the state only where `missing` would say INSUFFICIENT_DATA or
///   premature ALARM.
/// - The AWS/DynamoDB rule (always `ignore`) is not applied: pass `.ignore` for such alarms.
///
/// Cost: one pass over the datapoints plus O(1) per evaluation (a sliding window and a prefix sum of
/// breaching datapoints); reasons are formatted only when read.
public enum AlarmEvaluator {
    /// The evaluation range used when none is given: N + 2 periods (see the type's documentation).
    public static func defaultEvaluationRange(evaluationPeriods: Int) -> Int {
        max(evaluationPeriods, 1) + 2
    }

    /// Aggregates raw datapoints (any resolution, e.g. 1-minute values) into datapoints of `period` seconds
    /// using `statistic` ("SampleCount","Average","Sum","Minimum","Maximum","pNN"/"pNN.NN").
    /// A period's timestamp is its start, aligned to multiples of `period` since the epoch.
    ///
    /// Each raw datapoint counts as one sample; non-finite values are skipped; percentiles are nearest-rank.
    /// An unknown statistic or a period <= 0 gives no datapoints.
    public static func periodValues<C: Collection>(_ points: C, period: Int, statistic: String) -> [Datapoint]
    where C.Element == Datapoint {
        guard period > 0, let stat = Statistic(statistic) else { return [] }
        return stat.aggregate(points, period: period)
    }

    /// Evaluates the alarm at every period boundary E from `start` to `end` (inclusive, stepping by definition.period).
    /// `periodValues` are datapoints already at the alarm's period (timestamp = period start). The evaluation at E
    /// sees the datapoints whose periods END at or before E. State starts at INSUFFICIENT_DATA.
    /// `evaluationRange`: how many periods back are fetched for the missing-data rules (nil = N + 2, see above).
    public static func timeline(_ definition: AlarmDefinition, periodValues: [Datapoint], start: Date, end: Date,
                                evaluationRange: Int? = nil) -> AlarmTimeline {
        timeline(definition, periodValues: periodValues, sampleCounts: [], start: start, end: end,
                 evaluationRange: evaluationRange)
    }

    /// As ``timeline(_:periodValues:start:end:evaluationRange:)``, with each period's sample count
    /// (`SampleCount` datapoints at the same timestamps) for `EvaluateLowSampleCountPercentile`.
    /// A period without a sample count is treated as having enough samples.
    public static func timeline(_ definition: AlarmDefinition, periodValues: [Datapoint], sampleCounts: [Datapoint],
                                start: Date, end: Date, evaluationRange: Int? = nil) -> AlarmTimeline {
        guard definition.period > 0, end >= start else { return AlarmTimeline() }
        let context = EvaluationContext(definition, periodValues: periodValues, sampleCounts: sampleCounts,
                                        evaluationRange: evaluationRange)
        return context.run(from: start.timeIntervalSinceReferenceDate, to: end.timeIntervalSinceReferenceDate)
    }

    /// One evaluation, from the datapoints of the evaluation range, oldest first, `nil` for a missing one
    /// (the docs' tables: `0 - X - X` is `[0, nil, 2, nil, 2]` with threshold 1 and `>`). `current` is the
    /// state before, which `ignore` may keep. The range's length is the evaluation range.
    public static func evaluate(_ definition: AlarmDefinition, range: [Double?],
                                current: AlarmState = .insufficientData) -> AlarmState {
        let n = max(definition.evaluationPeriods, 1)
        var window = WindowSummary()
        var recentSeen = 0
        for (offset, value) in range.enumerated().reversed() {
            guard let value else { continue }
            let breaching = definition.comparison.breaches(value, definition.threshold)
            window.real += 1
            if recentSeen < n {
                recentSeen += 1
                if breaching { window.recentBreaching += 1 }
            }
            if !breaching { window.allBreaching = false }
            window.oldestAge = range.count - offset
        }
        return decide(window, n: n, m: min(max(definition.datapointsToAlarm, 1), n),
                      treat: definition.treatMissingData, current: current).state
    }

    /// The decision for one evaluation; shared by ``timeline`` and ``evaluate(_:range:current:)``.
    @inline(__always)
    static func decide(_ w: WindowSummary, n: Int, m: Int, treat: TreatMissingData,
                       current: AlarmState) -> (state: AlarmState, kind: ReasonKind) {
        if w.lowSample { return (current, .lowSample) }
        if w.real >= n { return (w.recentBreaching >= m ? .alarm : .ok, .threshold) }
        if w.real == 0 {
            switch treat {
            case .missing: return (.insufficientData, .allMissing)
            case .ignore: return (current, .retainedAllMissing)
            case .breaching: return (.alarm, .allMissingFilled)
            case .notBreaching: return (.ok, .allMissingFilled)
            }
        }
        switch treat {
        case .breaching:
            return (w.recentBreaching + (n - w.real) >= m ? .alarm : .ok, .filled)
        case .notBreaching:
            return (w.recentBreaching >= m ? .alarm : .ok, .filled)
        case .missing, .ignore:
            if w.recentBreaching >= m { return (.alarm, .threshold) }
            if !w.allBreaching { return (.ok, .threshold) }
            if treat == .ignore { return (current, .retainedTooFew) }
            return w.oldestAge >= m ? (.alarm, .premature) : (.insufficientData, .tooFew)
        }
    }
}

/// What one evaluation sees of its evaluation range.
struct WindowSummary {
    /// Real datapoints in the range.
    var real = 0
    /// Breaching datapoints among the (up to N) most recent real ones.
    var recentBreaching = 0
    /// No real datapoint in the range is non-breaching.
    var allBreaching = true
    /// Age in periods of the oldest real datapoint (the newest period is 1), 0 when none.
    var oldestAge = 0
    /// The newest period holds too few samples and the alarm ignores such periods.
    var lowSample = false
}

/// Which rule decided an evaluation; the reason text is built from it on demand.
enum ReasonKind: UInt8, Sendable {
    case threshold, filled, allMissing, allMissingFilled, retainedAllMissing, retainedTooFew, premature, tooFew,
         lowSample
}

/// Enough to rebuild an evaluation's reason: when, which rule, and the state before.
struct ReasonDetail: Sendable, Equatable {
    var time: Double  // seconds since the reference date
    var kind: ReasonKind
    var previous: AlarmState
}
