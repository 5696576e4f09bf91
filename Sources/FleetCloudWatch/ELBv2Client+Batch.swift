import FleetXML
import Foundation

extension ELBv2Client {
    /// ARNs per DescribeLoadBalancers call: "You can specify up to 20 load balancers in a single call"
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancers.html).
    /// DescribeTargetGroups is asked in the same chunks
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html).
    public static let maxArnsPerCall = 20

    /// The target groups with these ARNs (20 a call, `NextMarker` pages followed).
    public func describeTargetGroups(arns: [String], credentials: AWSCredentials) async throws -> [TargetGroup] {
        try await chunked(arns, action: "DescribeTargetGroups", member: "TargetGroupArns", list: "TargetGroups",
                          credentials: credentials).compactMap(Self.targetGroup)
    }

    /// The load balancers with these ARNs (20 a call, `NextMarker` pages followed).
    public func describeLoadBalancers(arns: [String], credentials: AWSCredentials) async throws -> [LoadBalancer] {
        try await chunked(arns, action: "DescribeLoadBalancers", member: "LoadBalancerArns", list: "LoadBalancers",
                          credentials: credentials).compactMap(Self.loadBalancer)
    }

    /// The `member` elements of `<action>Result/<list>` over every chunk and page.
    private func chunked(_ arns: [String], action: String, member: String, list: String,
                         credentials: AWSCredentials, maxPages: Int = 20) async throws -> [XMLTree] {
        var out: [XMLTree] = []
        var rest = Array(Set(arns)).sorted()[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(Self.maxArnsPerCall)
            rest = rest.dropFirst(chunk.count)
            let parameters = chunk.enumerated().map { ("\(member).member.\($0.offset + 1)", $0.element) }
            var marker: String?
            var pages = 0
            repeat {
                let root = try await client.query(action: action, version: Self.version,
                                                  parameters: parameters + (marker.map { [("Marker", $0)] } ?? []),
                                                  credentials: credentials)
                out += root.members("\(action)Result/\(list)")
                marker = root.string("\(action)Result/NextMarker")
                pages += 1
            } while marker != nil && pages < maxPages
        }
        return out
    }
}
