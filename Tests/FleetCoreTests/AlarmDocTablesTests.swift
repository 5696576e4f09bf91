import Foundation
import Testing
import FleetCore

/// Every row of the example tables in the CloudWatch user guide, "Configuring how CloudWatch alarms treat
/// missing data" (evaluation range 5, threshold crossed by `X`), plus the rows that older revisions of the
/// same tables carried and the cases the "Avoiding premature transitions to alarm state" prose names.
struct AlarmDocTablesTests {
    enum Outcome: Sendable, CustomStringConvertible {
        case to(AlarmState)
        case retain
        var description: String {
            switch self {
            case .to(let s): s.rawValue
            case .retain: "retain"
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var source: String
        var m: Int
        var pattern: String
        var filled: Int
        var missing: Outcome
        var ignore: Outcome
        var breaching: Outcome
        var notBreaching: Outcome
        var testDescription: String { "\(source) \(m) of 3 [\(pattern)]" }

        func expected(_ treat: TreatMissingData) -> Outcome {
            switch treat {
            case .missing: missing
            case .ignore: ignore
            case .breaching: breaching
            case .notBreaching: notBreaching
            }
        }
    }

    static let ok = Outcome.to(.ok), alarmed = Outcome.to(.alarm), insufficient = Outcome.to(.insufficientData)

    static let rows: [Row] = [
        // Table 1: Datapoints to Alarm = Evaluation Periods = 3.
        Row(source: "table 1", m: 3, pattern: "0 - X - X", filled: 0, missing: ok, ignore: ok, breaching: ok, notBreaching: ok),
        Row(source: "table 1", m: 3, pattern: "0 - - - -", filled: 2, missing: ok, ignore: ok, breaching: ok, notBreaching: ok),
        Row(source: "table 1", m: 3, pattern: "- - - - -", filled: 3, missing: insufficient, ignore: .retain, breaching: alarmed, notBreaching: ok),
        Row(source: "table 1", m: 3, pattern: "0 X X - X", filled: 0, missing: alarmed, ignore: alarmed, breaching: alarmed, notBreaching: alarmed),
        Row(source: "table 1", m: 3, pattern: "- - X - -", filled: 2, missing: alarmed, ignore: .retain, breaching: alarmed, notBreaching: ok),
        // Table 2: 2 out of 3.
        Row(source: "table 2", m: 2, pattern: "0 - X - X", filled: 0, missing: alarmed, ignore: alarmed, breaching: alarmed, notBreaching: alarmed),
        Row(source: "table 2", m: 2, pattern: "0 0 X 0 X", filled: 0, missing: alarmed, ignore: alarmed, breaching: alarmed, notBreaching: alarmed),
        Row(source: "table 2", m: 2, pattern: "0 - X - -", filled: 1, missing: ok, ignore: ok, breaching: alarmed, notBreaching: ok),
        Row(source: "table 2", m: 2, pattern: "- - - - 0", filled: 2, missing: ok, ignore: ok, breaching: alarmed, notBreaching: ok),
        Row(source: "table 2", m: 2, pattern: "- - - X -", filled: 2, missing: alarmed, ignore: .retain, breaching: alarmed, notBreaching: ok),
        // Rows of earlier revisions of the same tables.
        Row(source: "older table 1", m: 3, pattern: "- - - - X", filled: 2, missing: insufficient, ignore: .retain, breaching: alarmed, notBreaching: ok),
        Row(source: "older table 1", m: 3, pattern: "X - - - -", filled: 2, missing: alarmed, ignore: .retain, breaching: alarmed, notBreaching: ok),
        Row(source: "older table 2", m: 2, pattern: "- - - - X", filled: 2, missing: insufficient, ignore: .retain, breaching: alarmed, notBreaching: ok),
        // The premature-alarm prose: a breach too recent to trust, or followed by a good datapoint.
        Row(source: "premature prose", m: 3, pattern: "- - - X -", filled: 2, missing: insufficient, ignore: .retain, breaching: alarmed, notBreaching: ok),
        Row(source: "premature prose", m: 3, pattern: "- - - X 0", filled: 1, missing: ok, ignore: ok, breaching: ok, notBreaching: ok),
        Row(source: "premature prose", m: 3, pattern: "- - X - 0", filled: 1, missing: ok, ignore: ok, breaching: ok, notBreaching: ok),
    ]

    @Test(arguments: rows, TreatMissingData.allCases)
    func evaluateMatchesTheDocs(row: Row, treat: TreatMissingData) {
        let definition = alarm(n: 3, m: row.m, treat: treat)
        for current in AlarmState.allCases {
            let state = AlarmEvaluator.evaluate(definition, range: slots(row.pattern), current: current)
            switch row.expected(treat) {
            case .to(let expected): #expect(state == expected, "from \(current)")
            case .retain: #expect(state == current, "from \(current)")
            }
        }
    }

    /// The same rows through the timeline: one evaluation right after the fifth period, from the
    /// starting state INSUFFICIENT_DATA, with the docs' default evaluation range of 5.
    @Test(arguments: rows, TreatMissingData.allCases)
    func timelineMatchesTheDocs(row: Row, treat: TreatMissingData) throws {
        let definition = alarm(n: 3, m: row.m, treat: treat)
        let e = at(5 * 300)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: points(slots(row.pattern)), start: e, end: e)
        let evaluation = try #require(timeline.evaluations.first)
        #expect(timeline.evaluations.count == 1)
        switch row.expected(treat) {
        case .to(let expected): #expect(evaluation.state == expected)
        case .retain: #expect(evaluation.state == .insufficientData)
        }
        #expect(timeline.finalState == evaluation.state)
        // Column 2, how many datapoints must be filled in, shows in the reason under `breaching`.
        if treat == .breaching {
            #expect(filledCount(evaluation.reason) == row.filled, "\(evaluation.reason)")
        }
    }

    /// Table 1 row 2, continued: "The next time this alarm is evaluated, if the data is still missing it
    /// will go to ALARM, as that non-breaching data point will no longer be in the evaluation range."
    @Test func goodPointLeavingTheRangeTurnsBreachingAlarmOn() {
        let definition = alarm(n: 3, treat: .breaching)
        let timeline = AlarmEvaluator.timeline(definition, periodValues: points(slots("0 - - - -")),
                                               start: at(5 * 300), end: at(6 * 300))
        #expect(timeline.evaluations.map(\.state) == [.ok, .alarm])
    }

    private func filledCount(_ reason: String) -> Int {
        for marker in [" and ", "; "] {
            if let r = reason.range(of: marker), let end = reason[r.upperBound...].range(of: " missing datapoint"),
               let k = Int(reason[r.upperBound..<end.lowerBound]) {
                return k
            }
        }
        return 0
    }
}
