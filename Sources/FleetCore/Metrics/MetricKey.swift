/// One CloudWatch dimension, e.g. `AvailabilityZone=us-east-1a`.
public struct Dimension: Sendable, Hashable, Codable, Comparable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (a: Dimension, b: Dimension) -> Bool {
        (a.name, a.value) < (b.name, b.value)
    }
}

/// Names one series: namespace, metric, statistic and dimensions (kept sorted).
public struct MetricKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public var statistic: String
    public private(set) var dimensions: [Dimension]

    public init(namespace: String, name: String, statistic: String, dimensions: [Dimension] = []) {
        self.namespace = namespace
        self.name = name
        self.statistic = statistic
        self.dimensions = dimensions.sorted()
    }

    /// The `AvailabilityZone` dimension, when the series is per zone.
    public var zone: String? { dimension("AvailabilityZone") }

    public func dimension(_ name: String) -> String? {
        dimensions.first { $0.name == name }?.value
    }

    public var description: String {
        let dims = dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        return "\(namespace) \(name) \(statistic)" + (dims.isEmpty ? "" : " {\(dims)}")
    }

    public static func < (a: MetricKey, b: MetricKey) -> Bool {
        a.description < b.description
    }

    /// The name, statistic and dimension values only: keys that differ only in namespace or in
    /// dimension names are rare, and a fleet state looks every series up by key on each merge
    /// (200 simulated fleets: 10,000 lookups a minute). Equality still compares every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(statistic)
        for dimension in dimensions { hasher.combine(dimension.value) }
    }
}

/// The metrics the four panels show, and how each is spelled in CloudWatch.
public enum PanelMetric: String, Sendable, Hashable, Codable, CaseIterable {
    case cpu
    case requests
    case unhealthyHosts = "unhealthy_hosts"
    case healthyHosts = "healthy_hosts"
    case requestsPerTarget = "requests_per_target"

    public var namespace: String {
        self == .cpu ? "AWS/EC2" : "AWS/ApplicationELB"
    }

    public var metricName: String {
        switch self {
        case .cpu: "CPUUtilization"
        case .requests: "RequestCount"
        case .unhealthyHosts: "UnHealthyHostCount"
        case .healthyHosts: "HealthyHostCount"
        case .requestsPerTarget: "RequestCountPerTarget"
        }
    }

    /// The statistic the panel plots.
    public var statistic: String {
        switch self {
        case .cpu: "Average"
        case .requests, .requestsPerTarget: "Sum"
        case .unhealthyHosts, .healthyHosts: "Maximum"
        }
    }

    public var unit: String {
        switch self {
        case .cpu: "Percent"
        case .requests, .requestsPerTarget, .unhealthyHosts, .healthyHosts: "Count"
        }
    }

    /// How per-zone series combine into the fleet's value: counts add, CPU averages.
    public var combinesBySum: Bool { self != .cpu }

    /// The panel metric a key feeds, if any (namespace and metric name decide; dimensions do not).
    public init?(key: MetricKey) {
        guard let m = PanelMetric.allCases.first(where: { $0.namespace == key.namespace && $0.metricName == key.name })
        else { return nil }
        self = m
    }

    /// The key the simulator and the demo use for this metric, fleet-wide or for one zone.
    public func key(fleet: FleetInfo, zone: String? = nil) -> MetricKey {
        var dims: [Dimension]
        switch self {
        case .cpu: dims = [Dimension("AutoScalingGroupName", fleet.autoScalingGroup)]
        default: dims = [Dimension("LoadBalancer", "app/\(fleet.loadBalancer)/50dc6c495c0c9188")]
        }
        if let zone { dims.append(Dimension("AvailabilityZone", zone)) }
        return MetricKey(namespace: namespace, name: metricName, statistic: statistic, dimensions: dims)
    }
}
