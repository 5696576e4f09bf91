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

extension TargetHealthMachine {
    /// A freshly registered target checked with `config`'s thresholds.
    init(config: HealthCheckConfig) {
        self.init(healthyThreshold: config.healthyThreshold, unhealthyThreshold: config.unhealthyThreshold)
    }

    /// A target long healthy under `config`.
    static func healthy(config: HealthCheckConfig) -> TargetHealthMachine {
        .healthy(healthyThreshold: config.healthyThreshold, unhealthyThreshold: config.unhealthyThreshold)
    }
}
