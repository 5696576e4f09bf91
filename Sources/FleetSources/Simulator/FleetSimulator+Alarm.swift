import FleetCore
import Foundation

extension FleetSimulator {
    /// The health-check alarm as CloudWatch creates it: not yet evaluated.
    static func newAlarm(fleet: FleetInfo) -> AlarmStatus {
        AlarmStatus(definition: .eratoHealthCheck(fleet: fleet), state: .insufficientData, since: nil,
                    reason: "Unchecked: Initial alarm creation")
    }

    /// At each of the alarm's period boundaries (epoch-aligned, every 300 s for Erato), evaluates it
    /// with ``AlarmEvaluator`` over the fleet-wide `UnHealthyHostCount` minutes, aggregated to the
    /// alarm's period and statistic (Maximum). On a change of state, `since` becomes the boundary and
    /// the reason the evaluation's; otherwise both stay, as CloudWatch keeps the reason of the last
    /// change.
    mutating func evaluateAlarmIfAtBoundary() {
        let definition = healthAlarm.definition
        let boundary = now
        guard definition.period > 0,
              Int(boundary.timeIntervalSince1970) % definition.period == 0 else { return }
        let values = AlarmEvaluator.periodValues(unhealthyHistory, period: definition.period,
                                                 statistic: definition.statistic)
        // Replaying the previous boundary too lets the evaluator know the state before, which its
        // reason text names ("... for OK -> ALARM transition").
        let period = TimeInterval(definition.period)
        var from = boundary.addingTimeInterval(-period)
        if let first = unhealthyHistory.first?.time, first.addingTimeInterval(period) > from {
            from = boundary
        }
        let timeline = AlarmEvaluator.timeline(definition, periodValues: values, start: from, end: boundary)
        guard let evaluation = timeline.evaluations.last else { return }
        if evaluation.state != healthAlarm.state {
            healthAlarm.state = evaluation.state
            healthAlarm.since = evaluation.time
            healthAlarm.reason = evaluation.reason
        }
    }
}
