import Foundation

/// The rules of Amazon EC2 Auto Scaling's dynamic scaling, each written once and cited to the user guide.
public enum ScalingRules {
    /// `PercentChangeInCapacity` rounding ("Step and simple scaling policies", scaling adjustment types:
    /// https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html): a result above
    /// 1 is rounded down (12.7 → 12), between 0 and 1 becomes 1 (0.67 → 1), between 0 and -1 becomes -1
    /// (-0.58 → -1), below -1 is rounded up (-6.67 → -6).
    public static func roundedPercentChange(_ change: Double) -> Int {
        if change >= 1 { return Int(change.rounded(.down)) }
        if change > 0 { return 1 }
        if change == 0 { return 0 }
        if change > -1 { return -1 }
        return Int(change.rounded(.up))
    }

    /// The capacity an adjustment asks for, before clamping to the group's limits. `MinAdjustmentMagnitude`
    /// applies to `PercentChangeInCapacity` only: "scale out an Auto Scaling group by 25 percent … with a
    /// MinAdjustmentMagnitude of 2 … 25 percent of 4 is 1 … scales out the group by 2 instances"
    /// (PutScalingPolicy, Auto Scaling API reference).
    public static func capacity(applying adjustment: Int, _ type: AdjustmentType, to current: Int,
                                minAdjustmentMagnitude: Int? = nil) -> Int {
        switch type {
        case .changeInCapacity:
            return current + adjustment
        case .exactCapacity:
            return adjustment
        case .percentChangeInCapacity:
            var change = roundedPercentChange(Double(current) * Double(adjustment) / 100)
            if let magnitude = minAdjustmentMagnitude, magnitude > 0, change != 0, abs(change) < magnitude {
                change = change > 0 ? magnitude : -magnitude
            }
            return current + change
        }
    }

    /// The step adjustment for a metric `value` against the alarm's `threshold` ("Step and simple scaling
    /// policies", step adjustments): bounds are relative to the threshold; above the threshold the lower
    /// bound is inclusive and the upper exclusive, below it the lower bound is exclusive and the upper
    /// inclusive. Nil when no step holds the value.
    public static func step(for value: Double, threshold: Double, in steps: [StepAdjustment]) -> StepAdjustment? {
        let difference = value - threshold
        return steps.first { step in
            let lower = step.lowerBound ?? -.infinity
            let upper = step.upperBound ?? .infinity
            if difference >= 0 {
                return difference >= lower && difference < upper
            }
            return difference > lower && difference <= upper
        }
    }

    /// Target tracking's capacity for a metric value: proportional (current × metric ÷ target, an
    /// undocumented assumption), with the rounding the guide documents ("Target tracking scaling policies":
    /// https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html — "we act
    /// conservatively by rounding up or down when determining how many instances to add or remove"): the
    /// number of instances added is rounded up, the number removed rounded down.
    public static func targetTrackingCapacity(current: Int, metric: Double, target: Double) -> Int {
        guard target > 0, metric.isFinite else { return current }
        let exact = Double(current) * metric / target
        let currentValue = Double(current)
        if exact > currentValue {
            return current + Int((exact - currentValue - 1e-9).rounded(.up))
        }
        return current - Int((currentValue - exact + 1e-9).rounded(.down))
    }

    /// The group's limits: a desired capacity outside min…max is set to the nearer limit ("Set scaling
    /// limits for your Auto Scaling group": the group never goes below its minimum or above its maximum).
    public static func clamped(_ capacity: Int, to group: ScalingGroup) -> Int {
        min(max(capacity, group.minSize), max(group.maxSize, group.minSize))
    }

    /// What one policy asks for at one evaluation.
    public struct Proposal: Sendable, Hashable {
        public var policy: Int
        public var capacity: Int
        /// Target tracking scale-in: counts only when every target tracking policy that can scale in asks too.
        public var needsAgreement: Bool

        public init(policy: Int, capacity: Int, needsAgreement: Bool = false) {
            self.policy = policy
            self.capacity = capacity
            self.needsAgreement = needsAgreement
        }
    }

    /// Several policies at once ("Dynamic scaling", multiple dynamic scaling policies:
    /// https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scale-based-on-demand.html): if any asks
    /// to scale out, the one giving the largest capacity wins; scale-in by target tracking happens only
    /// when all target tracking policies (those with scale-in enabled: `scaleInVoters`) are ready to scale
    /// in, and again the largest capacity wins. Step and simple scale-in is not held back by target tracking
    /// (the guide's caution about mixing them). Nil: no change.
    public static func decide(current: Int, proposals: [Proposal], scaleInVoters: Int) -> Proposal? {
        let out = proposals.filter { $0.capacity > current }
        if let best = out.max(by: { $0.capacity < $1.capacity }) { return best }
        var candidates = proposals
        let agreeing = Set(proposals.filter(\.needsAgreement).map(\.policy)).count
        if agreeing < scaleInVoters { candidates.removeAll(where: \.needsAgreement) }
        guard let best = candidates.max(by: { $0.capacity < $1.capacity }), best.capacity < current else { return nil }
        return best
    }
}
