import FleetCore
import Foundation
import FleetXML

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
        /// The target groups the group is attached to (`TargetGroupARNs`).
        public var targetGroupARNs: [String] = []
        /// The group's tags, key to value.
        public var tags: [String: String] = [:]
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
        try await describeGroups(names: [name], credentials: credentials).first
    }

    /// One `AutoScalingGroups/member` of a DescribeAutoScalingGroups answer
    /// (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_AutoScalingGroup.html).
    static func group(_ g: XMLTree) -> Group? {
        guard let name = g.string("AutoScalingGroupName") else { return nil }
        let instances = g.members("Instances").compactMap { i -> GroupInstance? in
            guard let id = i.string("InstanceId") else { return nil }
            return GroupInstance(id: id, zone: i.string("AvailabilityZone") ?? "", lifecycleState: i.string("LifecycleState") ?? "",
                                 healthStatus: i.string("HealthStatus"))
        }
        func texts(_ path: String) -> [String] {
            g.members(path).compactMap { $0.text.isEmpty ? nil : $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        var tags: [String: String] = [:]
        for t in g.members("Tags") { if let k = t.string("Key") { tags[k] = t.string("Value") ?? "" } }
        return Group(name: name, zones: texts("AvailabilityZones"), instances: instances,
                     desired: g.string("DesiredCapacity").flatMap { Int($0) },
                     min: g.string("MinSize").flatMap { Int($0) }, max: g.string("MaxSize").flatMap { Int($0) },
                     targetGroupARNs: texts("TargetGroupARNs"), tags: tags)
    }
}
