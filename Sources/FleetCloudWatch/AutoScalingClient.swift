import FleetCore
import Foundation

/// EC2 Auto Scaling over the Query protocol (`Version=2011-01-01`, XML answers).
public struct AutoScalingClient: Sendable {
    public static let version = "2011-01-01"
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public struct Group: Sendable, Hashable {
        public var name: String
        public var zones: [String]
        public var instances: [GroupInstance]
        public var desired: Int?
        public var min: Int?
        public var max: Int?
    }

    public struct GroupInstance: Sendable, Hashable {
        public var id: String
        public var zone: String
        /// As AWS spells it: `InService`, `Pending:Wait`, `Terminating:Proceed`, …
        public var lifecycleState: String
        /// `Healthy` or `Unhealthy` (the group's own view).
        public var healthStatus: String?

        /// The dashboard's lifecycle: hook states fold into their phase.
        public var lifecycle: LifecycleState {
            let s = lifecycleState
            if s.hasPrefix("Pending") || s.hasPrefix("Warmed") { return .pending }
            if s.hasPrefix("Terminating") || s.hasPrefix("Detach") { return .terminating }
            if s.hasPrefix("Terminated") { return .terminated }
            if s.contains("Standby") { return .standby }
            return s == "InService" ? .inService : .pending
        }
    }

    public func describeGroup(name: String, credentials: AWSCredentials) async throws -> Group? {
        let root = try await client.query(action: "DescribeAutoScalingGroups", version: Self.version,
                                          parameters: [("AutoScalingGroupNames.member.1", name)], credentials: credentials)
        guard let g = root.members("DescribeAutoScalingGroupsResult/AutoScalingGroups").first else { return nil }
        let instances = g.members("Instances").compactMap { i -> GroupInstance? in
            guard let id = i.string("InstanceId") else { return nil }
            return GroupInstance(id: id, zone: i.string("AvailabilityZone") ?? "", lifecycleState: i.string("LifecycleState") ?? "",
                                 healthStatus: i.string("HealthStatus"))
        }
        return Group(name: g.string("AutoScalingGroupName") ?? name,
                     zones: g.members("AvailabilityZones").compactMap { $0.text.isEmpty ? nil : $0.text.trimmingCharacters(in: .whitespaces) },
                     instances: instances, desired: g.string("DesiredCapacity").flatMap { Int($0) },
                     min: g.string("MinSize").flatMap { Int($0) }, max: g.string("MaxSize").flatMap { Int($0) })
    }
}
