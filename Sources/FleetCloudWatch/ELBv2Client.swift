import FleetCore
import FleetXML
import Foundation

/// Elastic Load Balancing v2 over the Query protocol (`Version=2015-12-01`, XML answers).
public struct ELBv2Client: Sendable {
    public static let version = "2015-12-01"
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public struct LoadBalancer: Sendable, Hashable {
        public var arn: String
        public var name: String
        public var zones: [String]
    }

    public struct TargetGroup: Sendable, Hashable {
        public var arn: String
        public var name: String
        /// The load balancers that route to it (`LoadBalancerArns`).
        public var loadBalancerArns: [String] = []
    }

    public struct TargetHealthEntry: Sendable, Hashable {
        public var id: String
        public var port: Int?
        public var zone: String?
        public var state: TargetHealth
        public var reason: String?
    }

    public func describeLoadBalancer(name: String, credentials: AWSCredentials) async throws -> LoadBalancer? {
        let key = name.hasPrefix("arn:") ? "LoadBalancerArns.member.1" : "Names.member.1"
        let root = try await client.query(action: "DescribeLoadBalancers", version: Self.version,
                                          parameters: [(key, name)], credentials: credentials)
        return root.members("DescribeLoadBalancersResult/LoadBalancers").compactMap(Self.loadBalancer).first
    }

    /// One `LoadBalancers/member` (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancer.html).
    static func loadBalancer(_ lb: XMLTree) -> LoadBalancer? {
        guard let arn = lb.string("LoadBalancerArn") else { return nil }
        let zones = lb.members("AvailabilityZones").compactMap { $0.string("ZoneName") }
        return LoadBalancer(arn: arn, name: lb.string("LoadBalancerName") ?? arn, zones: zones)
    }

    /// One `TargetGroups/member` (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html).
    static func targetGroup(_ tg: XMLTree) -> TargetGroup? {
        guard let arn = tg.string("TargetGroupArn") else { return nil }
        return TargetGroup(arn: arn, name: tg.string("TargetGroupName") ?? arn,
                           loadBalancerArns: tg.members("LoadBalancerArns").compactMap {
                               let t = $0.text.trimmingCharacters(in: .whitespacesAndNewlines)
                               return t.isEmpty ? nil : t
                           })
    }

    /// Target groups by name or ARN, or (with `loadBalancerArn`) every group of that load balancer.
    public func describeTargetGroups(name: String? = nil, loadBalancerArn: String? = nil,
                                     credentials: AWSCredentials) async throws -> [TargetGroup] {
        var parameters: [(String, String)] = []
        if let name { parameters.append((name.hasPrefix("arn:") ? "TargetGroupArns.member.1" : "Names.member.1", name)) }
        if let loadBalancerArn { parameters.append(("LoadBalancerArn", loadBalancerArn)) }
        var groups: [TargetGroup] = []
        var marker: String?
        var pages = 0
        repeat {
            let root = try await client.query(action: "DescribeTargetGroups", version: Self.version,
                                              parameters: parameters + (marker.map { [("Marker", $0)] } ?? []),
                                              credentials: credentials)
            groups += root.members("DescribeTargetGroupsResult/TargetGroups").compactMap(Self.targetGroup)
            marker = root.string("DescribeTargetGroupsResult/NextMarker")
            pages += 1
        } while marker != nil && pages < 20
        return groups
    }

    /// DescribeTargetHealth of one target group. One call per target group: the API takes a single
    /// `TargetGroupArn` ("Required: Yes"), so it cannot be shared between fleets
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html).
    public func describeTargetHealth(targetGroupArn: String, credentials: AWSCredentials) async throws -> [TargetHealthEntry] {
        let root = try await client.query(action: "DescribeTargetHealth", version: Self.version,
                                          parameters: [("TargetGroupArn", targetGroupArn)], credentials: credentials)
        return root.members("DescribeTargetHealthResult/TargetHealthDescriptions").compactMap { d in
            guard let id = d.string("Target/Id") else { return nil }
            let state = d.string("TargetHealth/State").flatMap(TargetHealth.init(rawValue:)) ?? .unavailable
            return TargetHealthEntry(id: id, port: d.string("Target/Port").flatMap { Int($0) },
                                     zone: d.string("Target/AvailabilityZone"), state: state,
                                     reason: d.string("TargetHealth/Reason"))
        }
    }

    /// The `LoadBalancer` metric dimension of an ARN: `app/erato-backend-alb/50dc6c495c0c9188`.
    public static func loadBalancerDimension(arn: String) -> String? {
        guard let r = arn.range(of: ":loadbalancer/") else { return nil }
        return String(arn[r.upperBound...])
    }

    /// The `TargetGroup` metric dimension of an ARN: `targetgroup/erato-tg/6d0ecf831eec9f09`.
    public static func targetGroupDimension(arn: String) -> String? {
        guard let r = arn.range(of: ":targetgroup/") else { return nil }
        return "targetgroup/" + arn[r.upperBound...]
    }
}
