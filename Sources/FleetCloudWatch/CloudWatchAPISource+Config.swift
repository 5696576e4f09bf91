import FleetCore
import FleetSources
import Foundation

/// `kind: cloudwatch`: live CloudWatch, Auto Scaling and ELBv2 APIs. The program registers one
/// instance, so its ``links`` are the process's: every source it makes joins the link of its region,
/// profile and endpoints, and the sources of all fleets there share one GetMetricData per refresh.
public struct CloudWatchSourceKind: SourceKind {
    public let key = "cloudwatch"
    public let links: CloudWatchLinks
    /// Where credentials are looked up, and the HTTP transport (tests give their own).
    public let environment: [String: String]
    public let transport: any AWSTransport

    public init(links: CloudWatchLinks = CloudWatchLinks(), environment: [String: String] = ProcessInfo.processInfo.environment,
                transport: any AWSTransport = AsyncHTTPTransport()) {
        self.links = links
        self.environment = environment
        self.transport = transport
    }

    public func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource {
        try CloudWatchAPISource.scheduled(config: entry, context: context, transport: transport, environment: environment, links: links)
    }
}

extension CloudWatchAPISource {
    /// The keys `kind: cloudwatch` takes.
    public static let configKeys: Set<String> = [
        "kind", "name", "every", "region", "profile", "endpoint", "endpoints", "auto_scaling_group", "load_balancer",
        "target_group", "metrics", "instance_cpu", "period", "backfill", "describe_every", "allow_fast_refresh",
        "alarm_prefix",
    ]

    /// Builds the source and its schedule from a `kind: cloudwatch` entry. The poll interval is
    /// `every` (default: the refresh, but never under the metric period); an `every` shorter than
    /// the period is an error unless `allow_fast_refresh: true`.
    public static func scheduled(config: SourceConfig, context: SourceContext,
                                 transport: any AWSTransport = AsyncHTTPTransport(),
                                 environment: [String: String] = ProcessInfo.processInfo.environment,
                                 links: CloudWatchLinks? = nil) throws -> ScheduledSource {
        let s = config.settings
        try s.rejectUnknownKeys(allowed: configKeys)
        let profile = try s["profile"]?.string() ?? context.profile
        var chain = AWSCredentialChain(environment: environment, profile: profile, transport: transport)

        // The source's own region, else a fleet's chosen one (`fleets:`, discovery), else the profile's.
        let region = try s["region"]?.string() ?? (context.regionIsChosen ? context.fleet.region : nil)
            ?? chain.profileRegion() ?? context.fleet.region
        guard AWSEndpoint.isPlausibleRegion(region) else {
            throw (s["region"] ?? s).error("'\(region)' is not an AWS region name (like us-east-1)")
        }
        var endpoints: [String: AWSEndpoint] = [:]
        // `sts` is for role profiles (AssumeRole); `endpoint:` covers it too, like the CLI's `endpoint_url`.
        let services = ["monitoring", "elasticloadbalancing", "autoscaling", "sts"]
        if let node = s["endpoint"] {
            let text = try node.string()
            guard let e = AWSEndpoint(url: text) else { throw node.error("expected a URL like https://host:port, got \"\(text)\"") }
            for service in services { endpoints[service] = e }
        }
        if let node = s["endpoints"] {
            try node.rejectUnknownKeys(allowed: Set(services))
            for service in services {
                guard let v = node[service] else { continue }
                let text = try v.string()
                guard let e = AWSEndpoint(url: text) else { throw v.error("expected a URL like https://host:port, got \"\(text)\"") }
                endpoints[service] = e
            }
        }

        var asg = try s["auto_scaling_group"]?.string() ?? context.fleet.autoScalingGroup
        if asg.hasPrefix("arn:"), let r = asg.range(of: "autoScalingGroupName/") { asg = String(asg[r.upperBound...]) }
        let loadBalancer = try s["load_balancer"]?.string() ?? context.fleet.loadBalancer
        let targetGroup = try s["target_group"]?.string() ?? context.targetGroup

        let period = try s["period"]?.int(in: 1...86400) ?? 60
        guard period == 1 || period == 5 || period == 10 || period == 30 || period % 60 == 0 else {
            throw s["period"]!.error("CloudWatch periods are 1, 5, 10, 30 or a multiple of 60 seconds, got \(period)")
        }
        let backfill = try s["backfill"]?.duration() ?? 3 * 3600
        guard backfill >= Double(period), backfill <= 15 * 86400 else {
            throw s["backfill"]!.error("expected between one period and 15d")
        }
        let describeEvery = try s["describe_every"]?.duration() ?? 60
        let allowFast = try s["allow_fast_refresh"]?.bool() ?? false
        var interval = max(config.every ?? context.refresh, Double(period))
        if let every = config.every, every < Double(period) {
            guard allowFast else {
                throw s["every"]!.error("\(Int(every))s is shorter than the metric period (\(period)s): CloudWatch has "
                    + "nothing new that often and every request costs; set allow_fast_refresh: true to insist")
            }
            interval = every
        }

        var metrics: [MetricSpec] = []
        if let node = s["metrics"] {
            for item in try node.items() {
                if case .scalar = item.node {
                    let text = try item.string()
                    guard let m = PanelMetric(rawValue: text) else {
                        throw item.error("unknown panel metric '\(text)' (known: \(PanelMetric.allCases.map(\.rawValue).joined(separator: ", ")); or a mapping with namespace, name, statistic, dimensions)")
                    }
                    metrics.append(.panel(m))
                } else {
                    try item.rejectUnknownKeys(allowed: ["namespace", "name", "statistic", "dimensions"])
                    var dims: [FleetCore.Dimension] = []
                    if let d = item["dimensions"] {
                        for k in try d.keys() { dims.append(FleetCore.Dimension(k, try d.require(k).string())) }
                    }
                    metrics.append(.custom(MetricKey(namespace: try item.require("namespace").string(),
                                                     name: try item.require("name").string(),
                                                     statistic: try item["statistic"]?.string() ?? "Average", dimensions: dims)))
                }
            }
        } else {
            metrics = MetricSpec.panels
        }

        let settings = Settings(region: region, autoScalingGroup: asg, loadBalancer: loadBalancer, targetGroup: targetGroup,
                                metrics: metrics, instanceCPU: try s["instance_cpu"]?.bool() ?? true, period: period,
                                backfill: backfill, describeEvery: describeEvery,
                                alarmPrefix: try s["alarm_prefix"]?.string(), fallbackZones: context.fleet.zones)
        chain.region = region
        chain.stsEndpoint = endpoints["sts"]
        var withInterval = settings
        withInterval.interval = interval
        let clients = Clients(region: region, endpoints: endpoints, transport: transport)
        let credentials: @Sendable () async throws -> AWSCredentials = { [chain] in try await chain.resolve() }
        let key = CloudWatchLink.Key(region: region, profile: chain.profileName, endpoints: endpoints)
        let link = links?.link(for: key) { gather in
            CloudWatchLink(key: key, clients: clients, credentials: credentials, gather: gather)
        }
        let source = CloudWatchAPISource(name: config.name, settings: withInterval, clients: clients,
                                         credentials: credentials, link: link)
        return ScheduledSource(source, every: interval, staleAfter: max(3 * interval, 10 * Double(period)))
    }
}
