import FleetXML
import Foundation

extension AutoScalingClient {
    /// Groups per DescribeAutoScalingGroups call: `MaxRecords` is at most 100, and more than 50
    /// names need `MaxRecords` raised
    /// (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeAutoScalingGroups.html).
    public static let maxGroupsPerCall = 100

    /// The groups named `names`, 100 names a call (`MaxRecords=100`), `NextToken` pages followed.
    /// Unknown names are simply absent.
    public func describeGroups(names: [String], credentials: AWSCredentials) async throws -> [Group] {
        var groups: [Group] = []
        var rest = names[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(Self.maxGroupsPerCall)
            rest = rest.dropFirst(chunk.count)
            let parameters = chunk.enumerated().map { ("AutoScalingGroupNames.member.\($0.offset + 1)", $0.element) }
            groups += try await pages(parameters, credentials: credentials)
        }
        return groups
    }

    /// Every group carrying all of `tags` (`Filters` named `tag:KEY` with the value; filters are
    /// ANDed: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_Filter.html), all pages.
    public func describeGroups(tags: [(key: String, value: String)], credentials: AWSCredentials) async throws -> [Group] {
        var parameters: [(String, String)] = []
        for (i, tag) in tags.enumerated() {
            parameters.append(("Filters.member.\(i + 1).Name", "tag:\(tag.key)"))
            parameters.append(("Filters.member.\(i + 1).Values.member.1", tag.value))
        }
        return try await pages(parameters, credentials: credentials)
    }

    /// DescribeAutoScalingGroups with `parameters`, following `NextToken` (at most `maxPages`).
    private func pages(_ parameters: [(String, String)], credentials: AWSCredentials, maxPages: Int = 50) async throws -> [Group] {
        var groups: [Group] = []
        var token: String?
        var pages = 0
        repeat {
            let root = try await client.query(
                action: "DescribeAutoScalingGroups", version: Self.version,
                parameters: parameters + [("MaxRecords", String(Self.maxGroupsPerCall))] + (token.map { [("NextToken", $0)] } ?? []),
                credentials: credentials)
            let page = Self.groupsPage(root)
            groups += page.groups
            token = page.nextToken
            pages += 1
        } while token != nil && pages < maxPages
        return groups
    }

    /// The groups and the `NextToken` of one DescribeAutoScalingGroups answer.
    static func groupsPage(_ root: XMLTree) -> (groups: [Group], nextToken: String?) {
        (root.members("DescribeAutoScalingGroupsResult/AutoScalingGroups").compactMap(group),
         root.string("DescribeAutoScalingGroupsResult/NextToken"))
    }
}
