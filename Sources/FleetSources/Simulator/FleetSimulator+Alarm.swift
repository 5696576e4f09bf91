import FleetCore
import Foundation

extension FleetSimulator {
    /// The health-check alarm as CloudWatch creates it: not yet evaluated.
    static func newAlarm(fleet: FleetInfo) -> AlarmStatus {
        AlarmStatus(definition: .eratoHealthCheck(fleet: fleet), state: .insufficientData, since: nil,
                    reason: "Unchecked: Initial alarm creation")
    }

    /// At each of the alarm's period boundaries (epoch-aligned, every 300 s for Erato), evaluates it
    /// with ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)`` over the fleet-wide
    /// `UnHealthyHostCount` minutes, aggregated to the alarm's period and statistic (Maximum). On a change of state, `since` becomes the boundary and
    /// the reason the evaluation's; otherwise both stay, as CloudWatch keeps the reason of the last
    /// change.
    mutating func evaluateAlarmIfAtBoundary() {
        let definition = healthAlarm.definition
        let boundary = now
        guard definition.period > 0,
              Int(boundary.timeIntervalSince1970) % definition.period == 0 else { return }
        // Replaying the kept history (at most two hours) up to this boundary lets the evaluator
        // know the state before, which its reason text names ("... for OK -> ALARM transition").
        let timeline = AlarmEvaluator.run(definition, rawPoints: unhealthyHistory, to: boundary).timeline
        guard let evaluation = timeline.evaluations.last else { return }
        if evaluation.state != healthAlarm.state {
            pendingEvents.append(.alarmChange(name: definition.name, from: healthAlarm.state, to: evaluation.state,
                                              time: evaluation.time, reason: evaluation.reason))
            healthAlarm.state = evaluation.state
            healthAlarm.since = evaluation.time
            healthAlarm.reason = evaluation.reason
        }
    }
}
