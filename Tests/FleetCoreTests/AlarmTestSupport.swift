import Foundation
import FleetCore

/// 2026-11-29 10:00:00 UTC, a period boundary for every period that divides an hour.
let t0 = Date(timeIntervalSince1970: 1_795_946_400)

func at(_ seconds: Int) -> Date { t0.addingTimeInterval(TimeInterval(seconds)) }

func alarm(n: Int, m: Int? = nil, period: Int = 300, threshold: Double = 1,
           comparison: ComparisonOperator = .greaterThanThreshold, treat: TreatMissingData = .missing,
           statistic: String = "Maximum", lowSamples: EvaluateLowSampleCountPercentile? = nil) -> AlarmDefinition {
    AlarmDefinition(name: "test", namespace: "Test", metricName: "M", statistic: statistic, period: period,
                    evaluationPeriods: n, datapointsToAlarm: m, threshold: threshold, comparison: comparison,
                    treatMissingData: treat, evaluateLowSampleCountPercentile: lowSamples)
}

/// The docs' notation, oldest first: `0` good (0.0), `X` breaching (5.0), `-` missing.
func slots(_ pattern: String) -> [Double?] {
    pattern.split(separator: " ").map { $0 == "-" ? nil : ($0 == "X" ? 5.0 : 0.0) }
}

/// Datapoints at consecutive periods from `t0`, skipping the missing ones.
func points(_ values: [Double?], period: Int = 300, from origin: Int = 0) -> [Datapoint] {
    values.enumerated().compactMap { i, v in v.map { Datapoint(time: at(origin + i * period), value: $0) } }
}
