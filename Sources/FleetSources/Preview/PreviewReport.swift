import FleetCore
import Foundation

/// One alarm evaluated over a series: the `fleetwatch preview` result, as the JSON contract and
/// as a readable timeline.
public struct PreviewReport: Sendable {
    public var definition: AlarmDefinition
    public var metric: MetricKey
    public var timeline: AlarmTimeline
    /// The datapoints at the alarm's period and statistic that were evaluated (for a chart).
    public var periodValues: [Datapoint]
    public var start: Date
    public var end: Date

    /// Evaluates `definition` with ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)``: at every
    /// period boundary from the start of the first datapoint's period (or of `from`'s, when no datapoint
    /// is in the range) to `end` (default: the end of the last datapoint's period). Datapoints outside
    /// `from…end` are left out; a range with none is evaluated by the missing-data rules. Nil when there
    /// is nothing to evaluate (no datapoint and no `from`).
    public init?(definition: AlarmDefinition, series: FleetUpdate.Batch, from: Date? = nil, end: Date? = nil,
                 evaluationRange: Int? = nil) {
        let run = AlarmEvaluator.run(definition, rawPoints: series.points, from: from, to: end,
                                     evaluationRange: evaluationRange)
        guard !run.timeline.evaluations.isEmpty else { return nil }
        self.definition = definition
        self.metric = series.key
        self.start = run.start
        self.end = run.end
        self.timeline = run.timeline
        self.periodValues = run.periodValues
    }

    // MARK: JSON

    struct JSONAlarm: Encodable {
        struct Evaluation: Encodable { var time: String; var state: String; var reason: String }
        struct Transition: Encodable { var time: String; var from: String; var to: String }
        struct Summary: Encodable {
            var times_fired: Int
            var seconds_in_alarm: Int
            var final_state: String
            var first_fired: String?
            var last_fired: String?
        }
        var name: String
        var metric: String
        var statistic: String
        var threshold: Double
        var comparison: String
        var period: Int
        var evaluation_periods: Int
        var datapoints_to_alarm: Int
        var treat_missing_data: String
        var evaluations: [Evaluation]
        var transitions: [Transition]
        var summary: Summary
    }

    var json: JSONAlarm {
        let d = definition
        return JSONAlarm(
            name: d.name, metric: "\(d.namespace) \(d.metricName)", statistic: d.statistic, threshold: d.threshold,
            comparison: d.comparison.rawValue, period: d.period, evaluation_periods: d.evaluationPeriods,
            datapoints_to_alarm: d.datapointsToAlarm, treat_missing_data: d.treatMissingData.rawValue,
            evaluations: timeline.evaluations.map { .init(time: ISOTime.string($0.time), state: $0.state.rawValue, reason: $0.reason) },
            transitions: timeline.transitions.map { .init(time: ISOTime.string($0.time), from: $0.from.rawValue, to: $0.to.rawValue) },
            summary: .init(times_fired: timeline.timesFired, seconds_in_alarm: timeline.secondsInAlarm,
                           final_state: timeline.finalState.rawValue,
                           first_fired: timeline.firstFired.map(ISOTime.string), last_fired: timeline.lastFired.map(ISOTime.string)))
    }

    /// `{"alarms": [...]}`, keys sorted.
    public static func json(_ reports: [PreviewReport]) -> String {
        struct Root: Encodable { var alarms: [JSONAlarm] }
        return encode(Root(alarms: reports.map(\.json)), fallback: "{\"alarms\":[]}")
    }

    /// The previews' JSON: sorted keys, slashes as they are, non-finite numbers as strings (so encoding a
    /// value of strings and numbers cannot fail; `fallback` is never expected).
    static func encode<T: Encodable>(_ value: T, fallback: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = (try? encoder.encode(value)) ?? Data(fallback.utf8)
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: text

    /// A readable timeline: the rule, every state change, and a one-line summary.
    public var text: String {
        let d = definition
        var lines = ["\(d.name): \(d.namespace) \(d.metricName) \(d.statistic) \(d.comparison.symbol) \(PreviewReport.number(d.threshold)), "
            + "\(d.datapointsToAlarm) of \(d.evaluationPeriods) × \(d.period)s, missing data: \(d.treatMissingData.rawValue)"]
        lines.append("  evaluated \(ISOTime.string(start)) … \(ISOTime.string(end)) (\(timeline.evaluations.count) evaluations)")
        for t in timeline.transitions {
            let reason = timeline.evaluations.first { $0.time == t.time }?.reason ?? ""
            lines.append("  \(ISOTime.string(t.time))  \(t.from.rawValue) → \(t.to.rawValue)  \(reason)")
        }
        let summary = "  summary: fired \(timeline.timesFired) time\(timeline.timesFired == 1 ? "" : "s"), "
            + "\(timeline.secondsInAlarm) s in ALARM, final state \(timeline.finalState.rawValue)"
            + (timeline.firstFired.map { ", first \(ISOTime.string($0))" } ?? "")
            + (timeline.lastFired.map { ", last \(ISOTime.string($0))" } ?? "")
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
