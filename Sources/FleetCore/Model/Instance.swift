/// The Auto Scaling lifecycle states fleetwatch shows (the subset a web fleet passes through).
public enum LifecycleState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending = "Pending"
    case inService = "InService"
    case terminating = "Terminating"
    case standby = "Standby"
    case terminated = "Terminated"
}

/// ELBv2 target health states, spelled as `describe-target-health` prints them.
public enum TargetHealth: String, Sendable, Hashable, Codable, CaseIterable {
    case initial, healthy, unhealthy, draining, unused, unavailable

    /// True for the states an on-call engineer must look at first.
    public var isBad: Bool { self == .unhealthy || self == .unavailable }
}

/// One instance of the group as the dashboard shows it.
public struct Instance: Sendable, Hashable, Codable {
    public var id: String
    public var zone: String
    public var lifecycle: LifecycleState
    public var health: TargetHealth
    /// The ELB reason code, e.g. `Target.Timeout`, when there is one.
    public var reason: String?
    /// Latest CPUUtilization (%), when known.
    public var cpu: Double?
    /// Seconds the latest `/health` check took, when a probe measured it.
    public var latency: Double?

    public init(id: String, zone: String, lifecycle: LifecycleState, health: TargetHealth,
                reason: String? = nil, cpu: Double? = nil, latency: Double? = nil) {
        self.id = id
        self.zone = zone
        self.lifecycle = lifecycle
        self.health = health
        self.reason = reason
        self.cpu = cpu
        self.latency = latency
    }
}

extension Instance {
    /// Order for display: bad health first, then by id, so the eye lands on trouble.
    public static func displayOrder(_ a: Instance, _ b: Instance) -> Bool {
        let ra = a.health.displayRank, rb = b.health.displayRank
        if ra != rb { return ra < rb }
        return a.id < b.id
    }
}

extension TargetHealth {
    public var displayRank: Int {
        switch self {
        case .unhealthy: 0
        case .unavailable: 1
        case .draining: 2
        case .initial: 3
        case .unused: 4
        case .healthy: 5
        }
    }
}
