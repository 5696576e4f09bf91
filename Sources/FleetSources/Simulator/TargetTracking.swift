import Foundation

/// A target-tracking scaling policy on the group's average CPU, with AWS's asymmetry: the
/// scale-out alarm wants 3 one-minute datapoints above the target, the scale-in alarm 15 below
/// 90 % of it (63 % for a 70 % target).
public struct TargetTrackingPolicy: Sendable, Hashable, Codable {
    public var targetValue: Double = 70
    public var scaleOutMinutes = 3
    public var scaleInMinutes = 15
    /// The scale-in alarm's threshold as a share of the target.
    public var scaleInShare = 0.9
    /// Seconds after a scale-out during which the new instances warm up and no further scale-out
    /// is started (the metric does not yet show their effect).
    public var warmup = 300
    public var minSize = 6
    public var maxSize = 12

    public init(targetValue: Double = 70, minSize: Int = 6, maxSize: Int = 12) {
        self.targetValue = targetValue
        self.minSize = minSize
        self.maxSize = maxSize
    }

    public static let erato = TargetTrackingPolicy()

    public func clamp(_ n: Int) -> Int { max(minSize, min(maxSize, n)) }
}

/// Feeds one-minute averages to a ``TargetTrackingPolicy`` and answers with new desired capacities.
public struct TargetTrackingScaler: Sendable, Hashable {
    public let policy: TargetTrackingPolicy
    public private(set) var minutesAbove = 0
    public private(set) var minutesBelow = 0
    private var lastScaleOut: Int?

    public init(policy: TargetTrackingPolicy = .erato) {
        self.policy = policy
    }

    /// One minute's group average CPU over the `reporting` instances that published it (nil: no
    /// data), `elapsed` seconds into the simulation. Returns the new desired capacity when the
    /// policy changes it.
    ///
    /// Scale-out adds what the reporting instances lack to bring the average to the target
    /// (`ceil(reporting × average / target) - reporting`, at least one) and then waits out the
    /// warm-up. Scale-in removes instances only while the reporting ones left would still stay
    /// below the scale-in threshold, never while instances are warming up. Instances that report
    /// nothing (a dark zone) are kept: they are part of the capacity but carry no load.
    public mutating func observe(average: Double?, reporting: Int, elapsed: Int, desired: Int,
                                 warmingUp: Bool) -> Int? {
        guard let average, reporting > 0 else {
            minutesAbove = 0
            minutesBelow = 0
            return nil
        }
        minutesAbove = average > policy.targetValue ? minutesAbove + 1 : 0
        let scaleInThreshold = policy.targetValue * policy.scaleInShare
        minutesBelow = average < scaleInThreshold ? minutesBelow + 1 : 0
        let load = average * Double(reporting)

        if minutesAbove >= policy.scaleOutMinutes {
            if let last = lastScaleOut, elapsed - last < policy.warmup { return nil }
            let needed = Int((load / policy.targetValue).rounded(.up))
            let next = policy.clamp(max(desired + 1, desired + needed - reporting))
            guard next > desired else { return nil }
            lastScaleOut = elapsed
            minutesAbove = 0
            return next
        }
        if minutesBelow >= policy.scaleInMinutes, !warmingUp {
            let keep = Int((load / scaleInThreshold).rounded(.down)) + 1
            guard keep < reporting else { return nil }
            let next = policy.clamp(min(desired - 1, desired - (reporting - keep)))
            guard next < desired else { return nil }
            minutesBelow = 0
            return next
        }
        return nil
    }
}
