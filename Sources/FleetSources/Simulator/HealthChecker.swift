import FleetCore

/// A target group's health-check settings (Erato: `GET /health` every 30 s, timeout 5 s, 3/3).
public struct HealthCheckConfig: Sendable, Hashable, Codable {
    public var path: String
    public var interval: Int
    public var timeout: Int
    public var healthyThreshold: Int
    public var unhealthyThreshold: Int

    public init(path: String = "/health", interval: Int = 30, timeout: Int = 5,
                healthyThreshold: Int = 3, unhealthyThreshold: Int = 3) {
        self.path = path
        self.interval = interval
        self.timeout = timeout
        self.healthyThreshold = healthyThreshold
        self.unhealthyThreshold = unhealthyThreshold
    }

    public static let erato = HealthCheckConfig()
}

/// The outcome of one health check.
public enum HealthCheckResult: Sendable, Hashable {
    case pass
    /// No answer within the timeout.
    case timeout
    /// An answer with an HTTP status outside the success codes (200).
    case responseCode(Int)
    /// Connection refused or reset.
    case connectionFailed

    /// The ELB reason code a target gets when it goes unhealthy this way.
    public var reasonCode: String? {
        switch self {
        case .pass: nil
        case .timeout: "Target.Timeout"
        case .responseCode: "Target.ResponseCodeMismatch"
        case .connectionFailed: "Target.FailedHealthChecks"
        }
    }
}

/// One target's health as the load balancer judges it, check by check.
///
/// A new target starts `initial` (`Elb.RegistrationInProgress`). `healthyThreshold` consecutive
/// passes make it `healthy`; `unhealthyThreshold` consecutive failures make it `unhealthy`, with
/// the reason code of the latest failure. A single pass or failure resets the opposite count, so
/// two failures leave a healthy target healthy. (A plain value with no references: the simulator
/// copies it a lot.)
public struct HealthChecker: Sendable, Hashable {
    public let healthyThreshold: Int
    public let unhealthyThreshold: Int
    public private(set) var health: TargetHealth
    public private(set) var consecutivePasses = 0
    public private(set) var consecutiveFailures = 0
    /// The failure that explains an unhealthy target.
    public private(set) var lastFailure: HealthCheckResult?

    /// A freshly registered target (`initial`).
    public init(config: HealthCheckConfig = .erato) {
        healthyThreshold = config.healthyThreshold
        unhealthyThreshold = config.unhealthyThreshold
        health = .initial
    }

    /// A target that has been healthy for a while (the fleet at the start of a simulation).
    public static func healthy(config: HealthCheckConfig = .erato) -> HealthChecker {
        var checker = HealthChecker(config: config)
        checker.health = .healthy
        checker.consecutivePasses = config.healthyThreshold
        return checker
    }

    /// The ELB reason code shown next to the state, nil for `healthy`.
    public var reason: String? {
        switch health {
        case .initial: "Elb.RegistrationInProgress"
        case .unhealthy: lastFailure?.reasonCode
        default: nil
        }
    }

    public mutating func record(_ result: HealthCheckResult) {
        if result == .pass {
            consecutivePasses += 1
            consecutiveFailures = 0
            if health != .healthy, consecutivePasses >= healthyThreshold {
                health = .healthy
                lastFailure = nil
            }
        } else {
            consecutiveFailures += 1
            consecutivePasses = 0
            if consecutiveFailures >= unhealthyThreshold {
                health = .unhealthy
            }
            if health == .unhealthy { lastFailure = result }
        }
    }
}
