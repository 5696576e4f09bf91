import FleetCore

/// Every target's latest state and the per-zone counts: what `fleetwatch probe` prints.
public struct ProbeReport: Sendable, Hashable, Encodable {
    public struct Target: Sendable, Hashable, Encodable {
        public var id: String
        public var zone: String
        public var url: String
        public var state: TargetHealth
        public var reason: String?
        public var lastStatus: Int?
        public var latencyMs: Double?
        /// What the latest check saw: `HTTP 503`, `timeout`, `connection refused`, …
        public var detail: String?
        public var insecure: Bool
        public var checks: Int

        enum CodingKeys: String, CodingKey {
            case id, zone, url, state, reason, lastStatus = "last_status", latencyMs = "latency_ms", detail,
                 insecure, checks
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(zone, forKey: .zone)
            try c.encode(url, forKey: .url)
            try c.encode(state, forKey: .state)
            try c.encode(reason, forKey: .reason)  // null rather than absent
            try c.encode(lastStatus, forKey: .lastStatus)
            try c.encode(latencyMs, forKey: .latencyMs)
            try c.encode(detail, forKey: .detail)
            try c.encode(insecure, forKey: .insecure)
            try c.encode(checks, forKey: .checks)
        }
    }

    public struct Zone: Sendable, Hashable, Encodable {
        public var name: String
        public var healthy: Int
        public var unhealthy: Int
    }

    public var targets: [Target]
    public var zones: [Zone]
}
