/// THE target-health state machine: one target's health as an Application Load Balancer judges it
/// from consecutive health checks. The simulator and the `/health` probes both use it, so the same
/// sequence of checks gives the same states everywhere.
///
/// The rules, from the ALB user guide, "Health checks for Application Load Balancer target groups",
/// and the ELB API reference (`TargetHealth`):
/// - **Registration.** A target starts `initial` with the reason `Elb.RegistrationInProgress`
///   ("The target is in the process of being registered with the load balancer").
/// - **Initial checking.** Once checks have begun and until the target is decided, it stays
///   `initial` with `Elb.InitialHealthChecking` ("The load balancer is still sending the target the
///   minimum number of health checks required to determine its health status").
/// - **From `initial`, one pass makes it `healthy`**: "After your target is registered, it must pass
///   one health check to be considered healthy." `HealthyThresholdCount` applies to targets coming
///   back from `unhealthy`, not to newly registered ones.
/// - **`UnhealthyThresholdCount`** consecutive failures make an `initial` or `healthy` target
///   `unhealthy` ("the number of consecutive failed health checks required before considering a
///   target unhealthy").
/// - **`HealthyThresholdCount`** consecutive passes make an `unhealthy` target `healthy` ("the
///   number of consecutive successful health checks required before considering an unhealthy target
///   healthy").
/// - Any pass resets the count of failures and any failure the count of passes, so fewer than
///   `UnhealthyThresholdCount` failures leave a healthy target healthy.
/// - **Reason.** A `healthy` target has no reason code; an `unhealthy` one has the reason code of
///   its latest failure (`Target.Timeout`, `Target.ResponseCodeMismatch`,
///   `Target.FailedHealthChecks`, `Elb.InternalError`), kept while passes bring it back.
///
/// `draining` and `unused` come from registration, not from checks; they are set by whoever
/// registers targets (the simulator), never by this machine. A plain value: the simulator copies it
/// a lot.
public struct TargetHealthMachine: Sendable, Hashable {
    /// `HealthyThresholdCount`: passes that bring an unhealthy target back (at least 1).
    public let healthyThreshold: Int
    /// `UnhealthyThresholdCount`: failures that make a target unhealthy (at least 1).
    public let unhealthyThreshold: Int
    public private(set) var state: TargetHealth = .initial
    public private(set) var consecutivePasses = 0
    public private(set) var consecutiveFailures = 0
    /// Checks recorded so far.
    public private(set) var checks = 0
    /// The failure that explains an unhealthy target.
    public private(set) var lastFailure: HealthCheckFailure?

    /// A freshly registered target: `initial`, `Elb.RegistrationInProgress`. Thresholds below 1 are
    /// raised to 1 (the API's minimum is 2; 1 keeps single-check tests simple).
    public init(healthyThreshold: Int, unhealthyThreshold: Int) {
        self.healthyThreshold = max(1, healthyThreshold)
        self.unhealthyThreshold = max(1, unhealthyThreshold)
    }

    /// A target that has been healthy for a while (a fleet already in service).
    public static func healthy(healthyThreshold: Int, unhealthyThreshold: Int) -> TargetHealthMachine {
        var machine = TargetHealthMachine(healthyThreshold: healthyThreshold, unhealthyThreshold: unhealthyThreshold)
        machine.state = .healthy
        machine.consecutivePasses = machine.healthyThreshold
        return machine
    }

    /// The reason code shown next to the state, nil for `healthy` (see the type's rules).
    public var reason: String? {
        switch state {
        case .healthy: nil
        case .unhealthy: lastFailure?.reasonCode
        default: checks == 0 ? "Elb.RegistrationInProgress" : "Elb.InitialHealthChecking"
        }
    }

    /// Records one check: `failure` is why it failed, nil for a pass. Returns true when the state or
    /// the reason changed.
    @discardableResult
    public mutating func record(_ failure: HealthCheckFailure?) -> Bool {
        let before = (state, reason)
        checks += 1
        if let failure {
            consecutiveFailures += 1
            consecutivePasses = 0
            if consecutiveFailures >= unhealthyThreshold { state = .unhealthy }
            if state == .unhealthy { lastFailure = failure }
        } else {
            consecutivePasses += 1
            consecutiveFailures = 0
            let needed = state == .initial ? 1 : healthyThreshold
            if state != .healthy, consecutivePasses >= needed {
                state = .healthy
                lastFailure = nil
            }
        }
        return before != (state, reason)
    }
}
