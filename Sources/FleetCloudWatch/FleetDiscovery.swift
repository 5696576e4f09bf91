import FleetCore
import FleetSources
import Foundation

/// `discover:` — finds the fleets instead of listing them: in each region, every Auto Scaling group
/// carrying all the tags (DescribeAutoScalingGroups with `tag:KEY` filters, all pages), the target
/// groups it is attached to (its `TargetGroupARNs`, then DescribeTargetGroups) and their load
/// balancers (DescribeLoadBalancers). Each group becomes a fleet named after it, in its region,
/// with its zones, its load balancer and target group (the first by name when it has several), and
/// the discovery's profile. IAM: `autoscaling:DescribeAutoScalingGroups`,
/// `elasticloadbalancing:DescribeTargetGroups`, `elasticloadbalancing:DescribeLoadBalancers`.
///
/// API references: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeAutoScalingGroups.html,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancers.html
public struct FleetDiscovery: Sendable {
    public var settings: Settings
    public var credentials: @Sendable () async throws -> AWSCredentials
    public var transport: any AWSTransport

    /// One group found, with what it is attached to.
    public struct Found: Sendable, Hashable {
        public var region: String
        public var group: AutoScalingClient.Group
        public var targetGroup: ELBv2Client.TargetGroup?
        public var loadBalancer: ELBv2Client.LoadBalancer?
    }

    public init(settings: Settings, credentials: @escaping @Sendable () async throws -> AWSCredentials,
                transport: any AWSTransport = AsyncHTTPTransport()) {
        self.settings = settings
        self.credentials = credentials
        self.transport = transport
    }

    /// Credentials from the AWS chain for the discovery's profile.
    public init(settings: Settings, environment: [String: String] = ProcessInfo.processInfo.environment,
                transport: any AWSTransport = AsyncHTTPTransport()) {
        // A role profile assumes its role in the first region searched (STS is regional), through
        // the discovery's endpoint when one is set (tests: moto).
        let chain = AWSCredentialChain(environment: environment, profile: settings.profile, region: settings.regions.first,
                                       stsEndpoint: settings.endpoint, transport: transport)
        // `await`: the credentials chain resolves asynchronously (role profiles, SSO, IMDS).
        self.init(settings: settings, credentials: { try await chain.resolve() }, transport: transport)
    }

    /// Every tagged group of every region (regions asked concurrently), in region order, then by name.
    public func find() async throws -> [Found] {
        let creds = try await credentials()
        return try await withThrowingTaskGroup(of: (Int, [Found]).self) { tasks in
            for (i, region) in settings.regions.enumerated() {
                tasks.addTask { (i, try await self.find(in: region, credentials: creds)) }
            }
            var byRegion: [Int: [Found]] = [:]
            for try await (i, found) in tasks { byRegion[i] = found }
            return settings.regions.indices.flatMap { byRegion[$0] ?? [] }
        }
    }

    func find(in region: String, credentials creds: AWSCredentials) async throws -> [Found] {
        let clients = CloudWatchAPISource.Clients(
            region: region, endpoints: settings.endpoint.map { e in ["autoscaling": e, "elasticloadbalancing": e] } ?? [:],
            transport: transport)
        let groups = try await clients.autoScaling.describeGroups(tags: settings.tags, credentials: creds)
        let tgArns = Set(groups.flatMap(\.targetGroupARNs))
        let targetGroups = tgArns.isEmpty ? [] : try await clients.elbv2.describeTargetGroups(arns: Array(tgArns), credentials: creds)
        let lbArns = Set(targetGroups.flatMap(\.loadBalancerArns))
        let loadBalancers = lbArns.isEmpty ? [] : try await clients.elbv2.describeLoadBalancers(arns: Array(lbArns), credentials: creds)
        let tgByArn = Dictionary(targetGroups.map { ($0.arn, $0) }, uniquingKeysWith: { a, _ in a })
        let lbByArn = Dictionary(loadBalancers.map { ($0.arn, $0) }, uniquingKeysWith: { a, _ in a })
        return groups.sorted { $0.name < $1.name }.map { group in
            let tg = group.targetGroupARNs.compactMap { tgByArn[$0] }.min { $0.name < $1.name }
            let lb = tg?.loadBalancerArns.compactMap { lbByArn[$0] }.min { $0.name < $1.name }
            return Found(region: region, group: group, targetGroup: tg, loadBalancer: lb)
        }
    }

    /// The fleets `found` describes, each taking `sources` and `alarms` (the configuration's
    /// top-level ones). A name already taken (by `taken`, or the same group name in another region)
    /// gets its region appended: `erato-backend (eu-west-1)`.
    public func entries(_ found: [Found], sources: [SourceConfig], alarms: ConfigNode?, taken: Set<String> = []) -> [FleetEntry] {
        var names = taken
        let counts = Dictionary(found.map { ($0.group.name, 1) }, uniquingKeysWith: +)
        return found.map { f in
            var name = f.group.name
            if names.contains(name) || (counts[name] ?? 0) > 1 { name += " (\(f.region))" }
            names.insert(name)
            let zones = (f.group.zones.isEmpty ? f.loadBalancer?.zones ?? [] : f.group.zones).sorted()
            let info = FleetInfo(name: name, region: f.region, zones: zones, loadBalancer: f.loadBalancer?.name ?? "",
                                 autoScalingGroup: f.group.name)
            return FleetEntry(fleet: info, profile: settings.profile, targetGroup: f.targetGroup?.name,
                              sources: sources, alarms: alarms)
        }
    }
}
