import FleetCore

/// One target's health as an ALB judges it from consecutive checks.
///
/// - A target starts `initial` with `Elb.RegistrationInProgress`; after its first check and until
///   it is decided, `Elb.InitialHealthChecking`.
/// - From `initial`, one passing check makes it `healthy` (the ALB docs: "After your target is
///   registered, it must pass one health check to be considered healthy"), and
///   `unhealthy_threshold` consecutive failures make it `unhealthy`.
/// - After that, `healthy_threshold` consecutive passes make an unhealthy target healthy and
///   `unhealthy_threshold` consecutive failures make a healthy one unhealthy. Any pass resets the
///   failure count and any failure the pass count.
/// - An unhealthy target's reason is the latest failure's reason code.
public struct ProbeHealth: Sendable, Hashable {
    public let healthyThreshold: Int
    public let unhealthyThreshold: Int
    public private(set) var state: TargetHealth = .initial
    public private(set) var reason: String? = "Elb.RegistrationInProgress"
    public private(set) var consecutivePasses = 0
    public private(set) var consecutiveFailures = 0
    public private(set) var checks = 0

    public init(healthyThreshold: Int, unhealthyThreshold: Int) {
        precondition(healthyThreshold >= 1 && unhealthyThreshold >= 1, "thresholds must be at least 1")
        self.healthyThreshold = healthyThreshold
        self.unhealthyThreshold = unhealthyThreshold
    }

    /// Records one check: `failure` is its reason code, nil for a pass. Returns true when the
    /// state or reason changed.
    @discardableResult
    public mutating func record(failure: String?) -> Bool {
        let before = (state, reason)
        checks += 1
        if failure == nil {
            consecutivePasses += 1
            consecutiveFailures = 0
            let needed = state == .initial ? 1 : healthyThreshold
            if consecutivePasses >= needed { state = .healthy }
        } else {
            consecutiveFailures += 1
            consecutivePasses = 0
            if consecutiveFailures >= unhealthyThreshold { state = .unhealthy }
        }
        switch state {
        case .healthy: reason = nil
        case .unhealthy: if let failure { reason = failure }
        default: reason = "Elb.InitialHealthChecking"
        }
        return before != (state, reason)
    }
}
