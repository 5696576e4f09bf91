/// What the fleet is: its name, region, zones, and the load balancer and group in front of it.
public struct FleetInfo: Sendable, Hashable, Codable {
    public var name: String
    public var region: String
    public var zones: [String]
    public var loadBalancer: String
    public var autoScalingGroup: String

    public init(name: String, region: String, zones: [String], loadBalancer: String, autoScalingGroup: String) {
        self.name = name
        self.region = region
        self.zones = zones
        self.loadBalancer = loadBalancer
        self.autoScalingGroup = autoScalingGroup
    }

    /// The Erato-shaped fleet the simulator and the demo use.
    public static let erato = FleetInfo(
        name: "erato-backend",
        region: "us-east-1",
        zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
        loadBalancer: "erato-backend-alb",
        autoScalingGroup: "erato-backend-asg"
    )
}
