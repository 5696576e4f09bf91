import Foundation

/// Replays scaling policies over recorded metrics, minute by minute, as Amazon EC2 Auto Scaling would have.
///
/// - Every alarm (target tracking's two and the step/simple policies' own) is evaluated by THE alarm engine,
///   ``AlarmEvaluator/run(_:rawPoints:from:to:evaluationRange:)``.
/// - An alarm in ALARM invokes its policy once a minute while it stays there ("For Auto Scaling actions,
///   the alarm continues to invoke the action once per minute that the alarm remains in the new state",
///   CloudWatch user guide, "Alarm actions").
/// - The rules (rounding, steps, clamping, several policies) are ``ScalingRules``; what AWS does not document
///   is ``ScalingAssumptions``; how the metric follows the simulated capacity is the ``LoadModel``.
/// - Warm-up ("Set the default instance warmup for an Auto Scaling group",
///   https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html):
///   while instances warm up, target tracking and step scaling do not scale in; when scaling out, warming
///   instances count as part of the current capacity, so breaches in the same step range make one activity
///   (a step policy adds, relative to the capacity before its last launch, only what a larger step asks more).
/// - Cooldown ("Scaling cooldowns", https://docs.aws.amazon.com/autoscaling/ec2/userguide/Cooldown.html):
///   after an activity ends, simple scaling policies wait for the cooldown (the simple policy's own, else the
///   group's default) before starting another; target tracking and step scaling do not wait.
///
/// The metric changes with the simulated capacity, so the alarms are evaluated in stretches: from the last
/// activity onwards the capacity is known to stay put until the next activity, which ends the stretch.
public enum ScalingSimulation {
    public static func run(_ given: [ScalingPolicyInput], group: ScalingGroup, initialCapacity: Int,
                           recorded: CapacityPath?, model: LoadModel = .proportional,
                           assumptions: ScalingAssumptions = .standard, warmupOverride: Int? = nil,
                           start: Date, end: Date) -> ScalingPreview {
        let minute = 60.0
        var inputs = given
        if model == .none {
            for p in inputs.indices { for a in inputs[p].alarms.indices { inputs[p].alarms[a].rescaled = false } }
        }
        let first = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / minute).rounded(.up) * minute)
        var current = ScalingRules.clamped(initialCapacity, to: group)
        var path = CapacityPath([.init(time: start, capacity: current)])
        var activities: [ScalingActivity] = []
        let fallback = recorded?.value(at: start) ?? initialCapacity
        let voters = inputs.filter { input in input.policy.enabled && input.alarms.contains { $0.role == .low } }.count

        var warmingUntil = Date.distantPast
        var cooldownUntil = Date.distantPast
        var stepBase: [Int: (capacity: Int, until: Date)] = [:]

        var t0 = first
        var stretch = 8
        while t0 <= end {
            let t1 = min(end, t0.addingTimeInterval(Double(stretch) * minute))
            let evaluated = inputs.map { input in
                input.alarms.map { alarm in
                    Evaluated(alarm, from: t0, to: t1, path: path, recorded: recorded, fallback: fallback)
                }
            }
            // Most minutes no alarm is in ALARM: one look at each alarm's states decides that.
            let tables = evaluated.flatMap { $0.map(\.table) }
            var changed: Date?
            var tau = t0
            var proposals: [ScalingRules.Proposal] = []
            var causes = [String?](repeating: nil, count: inputs.count)
            while tau <= t1 {
                let now = tau.timeIntervalSinceReferenceDate
                if !tables.contains(where: { $0.isAlarm(at: now) }) {
                    tau = tau.addingTimeInterval(minute)
                    continue
                }
                proposals.removeAll(keepingCapacity: true)
                for i in causes.indices { causes[i] = nil }
                for (p, input) in inputs.enumerated() where input.policy.enabled {
                    let policy = input.policy
                    for (a, alarm) in input.alarms.enumerated() {
                        let e = evaluated[p][a]
                        guard e.state(at: tau) == .alarm, let value = e.newestValue(at: tau) else { continue }
                        var proposal: ScalingRules.Proposal?
                        switch (policy.kind, alarm.role) {
                        case (.targetTracking(let c), .high):
                            let n = ScalingRules.targetTrackingCapacity(current: current, metric: value, target: c.targetValue)
                            if n > current { proposal = .init(policy: p, capacity: n) }
                        case (.targetTracking(let c), .low):
                            guard tau >= warmingUntil else { continue }
                            let n = ScalingRules.targetTrackingCapacity(current: current, metric: value, target: c.targetValue)
                            proposal = .init(policy: p, capacity: min(n, current), needsAgreement: true)
                        case (.step(let c), _):
                            guard let step = ScalingRules.step(for: value, threshold: alarm.definition.threshold, in: c.steps)
                            else { continue }
                            let base = stepBase[p].map { tau < $0.until ? $0.capacity : current } ?? current
                            let n = ScalingRules.capacity(applying: step.adjustment, c.type, to: base,
                                                          minAdjustmentMagnitude: c.minAdjustmentMagnitude)
                            if n > current || (n < current && tau >= warmingUntil) { proposal = .init(policy: p, capacity: n) }
                        case (.simple(let c), _):
                            guard tau >= cooldownUntil, let step = c.steps.first else { continue }
                            let n = ScalingRules.capacity(applying: step.adjustment, c.type, to: current,
                                                          minAdjustmentMagnitude: c.minAdjustmentMagnitude)
                            if n != current { proposal = .init(policy: p, capacity: n) }
                        default:
                            continue
                        }
                        if var proposal {
                            proposal.capacity = ScalingRules.clamped(proposal.capacity, to: group)
                            proposals.append(proposal)
                            if causes[p] == nil { causes[p] = alarm.definition.name }
                        }
                    }
                }
                if !proposals.isEmpty,
                   let decision = ScalingRules.decide(current: current, proposals: proposals, scaleInVoters: voters),
                   decision.capacity != current {
                    let policy = inputs[decision.policy].policy
                    activities.append(ScalingActivity(time: tau, policy: policy.name, alarm: causes[decision.policy] ?? "",
                                                      from: current, to: decision.capacity))
                    let ends = tau.addingTimeInterval(Double(assumptions.activitySeconds))
                    if decision.capacity > current {
                        warmingUntil = max(warmingUntil, tau.addingTimeInterval(Double(warmupOverride ?? group.warmup(for: policy))))
                        if case .step = policy.kind {
                            let base = stepBase[decision.policy].flatMap { tau < $0.until ? $0.capacity : nil } ?? current
                            stepBase[decision.policy] = (base, warmingUntil)
                        }
                    }
                    var cooldown = group.defaultCooldown
                    if case .simple(let c) = policy.kind, let own = c.cooldown { cooldown = own }
                    cooldownUntil = ends.addingTimeInterval(Double(cooldown))
                    current = decision.capacity
                    path.append(tau, current)
                    changed = tau
                    break
                }
                tau = tau.addingTimeInterval(minute)
            }
            if let changed {
                t0 = changed.addingTimeInterval(minute)
                stretch = 8
            } else {
                t0 = t1.addingTimeInterval(minute)
                stretch = min(stretch * 2, 4096)
            }
        }

        let above = inputs.compactMap { input -> ScalingPreview.TargetMinutes? in
            guard case .targetTracking(let c) = input.policy.kind,
                  let high = input.alarms.first(where: { $0.role == .high }) else { return nil }
            let simulated = Evaluated.values(high, from: start, to: end, path: path, recorded: recorded, fallback: fallback)
            let asRecorded = AlarmEvaluator.periodValues(high.points.filter { $0.time >= start && $0.time < end },
                                                         period: 60, statistic: high.definition.statistic)
            return .init(policy: input.policy.name, target: c.targetValue,
                         simulated: simulated.filter { $0.value > c.targetValue }.count,
                         recorded: asRecorded.filter { $0.value > c.targetValue }.count)
        }
        return ScalingPreview(start: start, end: end, activities: activities, path: path, recorded: recorded,
                              aboveTarget: above)
    }
}

extension ScalingSimulation {
    /// `alarm`'s raw points over the preview's range as the simulated group would have seen them: the load
    /// model applied with the preview's capacity path (what the simulation itself evaluated), for charts.
    public static func simulatedPoints(_ alarm: ScalingAlarmInput, in preview: ScalingPreview,
                                       initialCapacity: Int) -> [Datapoint] {
        let fallback = preview.recorded?.value(at: preview.start) ?? initialCapacity
        return Evaluated.scaled(alarm, from: preview.start, to: preview.end, path: preview.path,
                                recorded: preview.recorded, fallback: fallback)
    }
}

/// One alarm evaluated over a stretch, with cursors for reading it minute by minute.
private struct Evaluated {
    let run: AlarmRun
    let period: Double

    /// The states alone, for the quick look at every minute.
    let table: StateTable

    init(_ alarm: ScalingAlarmInput, from: Date, to: Date, path: CapacityPath, recorded: CapacityPath?, fallback: Int) {
        let definition = alarm.definition
        period = Double(definition.period)
        let range = AlarmEvaluator.defaultEvaluationRange(evaluationPeriods: definition.evaluationPeriods)
        let back = from.addingTimeInterval(-Double(range + 1) * period)
        let points = Self.scaled(alarm, from: back, to: to, path: path, recorded: recorded, fallback: fallback)
        run = AlarmEvaluator.run(definition, rawPoints: points, from: definition.periodStart(containing: back), to: to)
        table = StateTable(first: run.timeline.evaluations.first?.time.timeIntervalSinceReferenceDate ?? .infinity,
                           period: period, alarm: run.timeline.evaluations.map { $0.state == .alarm })
    }

    /// The state of the latest evaluation at or before `time` (evaluations are one period apart from the run's start).
    func state(at time: Date) -> AlarmState? {
        let evaluations = run.timeline.evaluations
        guard let first = evaluations.first?.time, time >= first else { return nil }
        let i = min(Int(time.timeIntervalSince(first) / period), evaluations.count - 1)
        if evaluations[i].time <= time { return evaluations[i].state }
        return i > 0 ? evaluations[i - 1].state : nil
    }

    /// The newest period value whose period ended at or before `time`.
    func newestValue(at time: Date) -> Double? {
        let values = run.periodValues
        let i = Self.lastIndex(values.count) { values[$0].time.addingTimeInterval(period) <= time }
        return i.map { values[$0].value }
    }

    static func lastIndex(_ count: Int, _ isBefore: (Int) -> Bool) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }

    /// The alarm's raw points in `from..<to`, rescaled by the load model where it applies.
    static func scaled(_ alarm: ScalingAlarmInput, from: Date, to: Date, path: CapacityPath, recorded: CapacityPath?,
                       fallback: Int) -> [Datapoint] {
        let points = alarm.points
        let lo = lastIndex(points.count) { points[$0].time < from }.map { $0 + 1 } ?? 0
        var out: [Datapoint] = []
        out.reserveCapacity(max(0, points.count - lo))
        var simulated = PathCursor(path), actual = PathCursor(recorded)
        var i = lo
        while i < points.count, points[i].time < to {
            var point = points[i]
            if alarm.rescaled, let capacity = simulated.value(at: point.time), capacity > 0 {
                point.value = point.value * Double(actual.value(at: point.time) ?? fallback) / Double(capacity)
            }
            out.append(point)
            i += 1
        }
        return out
    }

    /// The simulated one-minute values of `alarm`'s metric over `from..<to` (for the summary).
    static func values(_ alarm: ScalingAlarmInput, from: Date, to: Date, path: CapacityPath, recorded: CapacityPath?,
                       fallback: Int) -> [Datapoint] {
        AlarmEvaluator.periodValues(scaled(alarm, from: from, to: to, path: path, recorded: recorded, fallback: fallback),
                                    period: 60, statistic: alarm.definition.statistic)
    }
}

/// Reads a capacity path at non-decreasing times: one binary search, then steps forward.
private struct PathCursor {
    let steps: [CapacityPath.Step]
    var index: Int?

    init(_ path: CapacityPath?) { steps = path?.steps ?? [] }

    mutating func value(at time: Date) -> Int? {
        guard !steps.isEmpty else { return nil }
        guard var i = index else {
            var lo = 0, hi = steps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if steps[mid].time <= time { lo = mid + 1 } else { hi = mid }
            }
            index = max(lo - 1, 0)
            return steps[index!].capacity
        }
        while i + 1 < steps.count, steps[i + 1].time <= time { i += 1 }
        index = i
        return steps[i].capacity
    }
}

/// Whether an alarm's evaluation at or before a time (seconds since the reference date) was ALARM.
private struct StateTable {
    let first: Double
    let period: Double
    let alarm: [Bool]

    func isAlarm(at time: Double) -> Bool {
        guard time >= first, !alarm.isEmpty else { return false }
        return alarm[min(Int((time - first) / period), alarm.count - 1)]
    }
}
