import AWSFormats
import FleetCore
import FleetSources
import Foundation

/// Live CloudWatch: reads the fleet straight from the AWS APIs.
///
/// Each poll asks ONE GetMetricData request for every panel (all series batched, pages followed
/// with `NextToken`) — shared with every other source of the same region and account through their
/// ``CloudWatchLink``, so all fleets together make one request per refresh — over a window that
/// starts `backfill` back on the first poll and afterwards two periods before the newest datapoint
/// (CloudWatch revises its newest periods); the errors-and-latency metrics (``ErrorMetric``, per
/// zone) ride in the same request. Every
/// `describeEvery` it also asks DescribeAutoScalingGroups (instances, zones), DescribeTargetHealth,
/// DescribeAlarms, and for events DescribeScalingActivities, DescribeAlarmHistory and
/// DescribeInstanceRefreshes (target-health changes are derived from successive
/// DescribeTargetHealth reads). Load balancer and target group names are resolved to ARNs once.
public actor CloudWatchAPISource: MetricSource {
    public nonisolated let name: String
    public nonisolated let settings: Settings

    /// What to read and how often.
    public struct Settings: Sendable {
        public var region: String
        public var autoScalingGroup: String
        /// A name or an ARN.
        public var loadBalancer: String
        /// A name or an ARN; nil: the load balancer's first target group (by name).
        public var targetGroup: String?
        public var metrics: [MetricSpec]
        /// Also fetch each instance's CPUUtilization (same request) for the instances panel.
        public var instanceCPU: Bool
        /// Seconds per datapoint.
        public var period: Int
        /// History fetched on the first poll, in seconds.
        public var backfill: TimeInterval
        /// Seconds between the describe calls (instances, target health, alarms).
        public var describeEvery: TimeInterval
        /// Only alarms whose names start with this (nil: every metric alarm).
        public var alarmPrefix: String?
        /// Zones to ask per-zone metrics for when the group and load balancer do not say.
        public var fallbackZones: [String]
        /// Also fetch target/ELB 5XX and TargetResponseTime p50/p99 per zone (same request).
        public var errorMetrics = true
        /// Also ask for events (scaling activities, alarm history, instance refreshes) at `describeEvery`.
        public var events = true
        /// Seconds between polls (the schedule the shared request rounds expect this source on).
        public var interval: TimeInterval = 60

        public init(region: String, autoScalingGroup: String, loadBalancer: String, targetGroup: String? = nil,
                    metrics: [MetricSpec] = MetricSpec.panels, instanceCPU: Bool = true, period: Int = 60,
                    backfill: TimeInterval = 3 * 3600, describeEvery: TimeInterval = 60, alarmPrefix: String? = nil,
                    fallbackZones: [String] = []) {
            self.region = region
            self.autoScalingGroup = autoScalingGroup
            self.loadBalancer = loadBalancer
            self.targetGroup = targetGroup
            self.metrics = metrics
            self.instanceCPU = instanceCPU
            self.period = period
            self.backfill = backfill
            self.describeEvery = describeEvery
            self.alarmPrefix = alarmPrefix
            self.fallbackZones = fallbackZones
        }
    }

    /// One metric to fetch: a panel's (dimensions filled in from the fleet's resources), or any
    /// metric with fixed dimensions.
    public enum MetricSpec: Sendable, Hashable {
        case panel(PanelMetric)
        case custom(MetricKey)

        public static let panels: [MetricSpec] = PanelMetric.allCases.map { .panel($0) }
    }

    /// The clients, one per service.
    public struct Clients: Sendable {
        public var cloudWatch: CloudWatchClient
        public var elbv2: ELBv2Client
        public var autoScaling: AutoScalingClient

        /// Clients for `region`, each at `endpoints[signingName]` or its public endpoint.
        public init(region: String, endpoints: [String: AWSEndpoint] = [:], transport: any AWSTransport = AsyncHTTPTransport(),
                    retry: AWSRetryPolicy = AWSRetryPolicy()) {
            func client(_ s: AWSService) -> AWSClient {
                AWSClient(service: s, region: region, endpoint: endpoints[s.signingName], transport: transport, retry: retry)
            }
            cloudWatch = CloudWatchClient(client: client(.cloudWatch))
            elbv2 = ELBv2Client(client: client(.elbv2))
            autoScaling = AutoScalingClient(client: client(.autoScaling))
        }
    }

    /// The load balancer and target group as ARNs and metric dimensions, found once.
    public struct Resources: Sendable, Hashable {
        public var loadBalancerArn: String?
        public var loadBalancerDimension: String?
        public var targetGroupArn: String?
        public var targetGroupDimension: String?
        public var loadBalancerZones: [String]
    }

    private let clients: Clients
    private let credentials: @Sendable () async throws -> AWSCredentials

    private var resources: Resources?
    private var lastDescribe: Date?
    private var group: AutoScalingClient.Group?
    private var health: [String: ELBv2Client.TargetHealthEntry] = [:]
    private var alarms: [AlarmStatus]?
    private var describeWarnings: [String] = []
    private var newest: Date?
    private var instanceCPU: [String: Double] = [:]
    /// Events read since the last poll's answer.
    private var pendingEvents: [FleetEvent] = []
    /// The instances as last answered, to tell health changes between two DescribeTargetHealth reads.
    private var lastInstances: [Instance]?
    /// What this source shares with the others of its region and account, and its member ids there.
    public nonisolated let link: CloudWatchLink
    private nonisolated let metricMember: Int
    private nonisolated let groupMember: Int
    private nonisolated let alarmsMember: Int
    /// Registered only when the source asks for events.
    private nonisolated let historyMember: Int?
    /// Registered only when the source asks for events.
    private nonisolated let activitiesMember: Int?

    /// What the last poll asked and got, for tests and the benchmark.
    public private(set) var lastWindow: (start: Date, end: Date)?
    public private(set) var lastMetricCalls = 0

    public init(name: String = "cloudwatch", settings: Settings, clients: Clients,
                credentials: @escaping @Sendable () async throws -> AWSCredentials,
                backoff: AWSRetryPolicy = AWSRetryPolicy(maxAttempts: 1, baseDelay: 60, maxDelay: 900),
                link: CloudWatchLink? = nil) {
        self.name = name
        self.settings = settings
        self.clients = clients
        self.credentials = credentials
        // Alone (no shared link): a link of its own, whose rounds hold only this source's asks.
        let link = link ?? CloudWatchLink(key: .init(region: settings.region, profile: ""), clients: clients,
                                          credentials: credentials, gather: 0, throttle: ThrottleGate(backoff: backoff))
        self.link = link
        metricMember = link.metricData.register(interval: settings.interval)
        groupMember = link.groups.register(interval: settings.describeEvery)
        alarmsMember = link.alarms.register(interval: settings.describeEvery)
        historyMember = settings.events ? link.alarmHistory.register(interval: settings.describeEvery) : nil
        activitiesMember = settings.events ? link.activities.register(interval: settings.describeEvery) : nil
    }

    deinit {
        link.metricData.unregister(metricMember)
        link.groups.unregister(groupMember)
        link.alarms.unregister(alarmsMember)
        if let historyMember { link.alarmHistory.unregister(historyMember) }
        if let activitiesMember { link.activities.unregister(activitiesMember) }
    }

    public func poll(now: Date) async throws -> FleetUpdate {
        try link.throttle.check(now: now)
        let creds = try await credentials()
        if let expiration = creds.expiration, expiration <= now {
            throw AWSAPIError.expiredToken(service: "cloudwatch", keyId: creds.redactedKeyId)
        }
        if lastDescribe.map({ now.timeIntervalSince($0) >= settings.describeEvery }) ?? true {
            try await describe(credentials: creds, now: now)
            lastDescribe = now
        }

        let (queries, keys) = buildQueries()
        let period = Double(settings.period)
        let end = (now.timeIntervalSince1970 / period).rounded(.up) * period
        let earliest = now.timeIntervalSince1970 - settings.backfill
        let from = newest.map { $0.timeIntervalSince1970 - 2 * period } ?? earliest
        let start = (max(from, earliest) / period).rounded(.down) * period
        lastWindow = (Date(timeIntervalSince1970: start), Date(timeIntervalSince1970: end))

        var warnings = describeWarnings
        var batches: [FleetUpdate.Batch] = []
        lastMetricCalls = 0
        if !queries.isEmpty {
            let data: CloudWatchClient.MetricData
            do {
                data = try await link.metricData.ask(
                    MetricDataAsk(queries: queries, start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end)),
                    member: metricMember)
            } catch let error as AWSAPIError where error.isThrottling {
                link.throttle.throttled(at: now, minimum: period)
                throw error
            }
            link.throttle.succeeded()
            lastMetricCalls = data.calls
            for query in queries {
                guard let key = keys[query.Id], let result = data.results[query.Id] else { continue }
                let points = zip(result.Timestamps ?? [], result.Values ?? [])
                    .map { Datapoint(time: $0.0.date, value: $0.1) }
                    .sorted { $0.time < $1.time }
                if let id = key.dimension("InstanceId"), key.dimensions.count == 1 {
                    if let last = points.last { instanceCPU[id] = last.value }
                }
                if let last = points.last?.time { newest = max(newest ?? last, last) }
                batches.append(FleetUpdate.Batch(key: key, unit: unit(of: key), period: settings.period, points: points))
            }
            if !data.partial.isEmpty {
                warnings.append("partial data for \(data.partial.count) series (the rest comes next refresh)")
            }
            if !data.messages.isEmpty {
                warnings.append(creds.scrub(data.messages.prefix(3).joined(separator: "; ")))
            }
        }

        var detail = "cloudwatch \(settings.region) \(settings.autoScalingGroup)"
        if !warnings.isEmpty { detail += " · warning: " + warnings.joined(separator: "; ") }
        let instances = currentInstances()
        var events = pendingEvents
        pendingEvents = []
        if let instances {
            if let lastInstances { events += FleetEvent.healthChanges(from: lastInstances, to: instances, at: now) }
            lastInstances = instances
        }
        return FleetUpdate(time: now, metrics: batches, instances: instances, alarms: alarms,
                           status: SourceStatus(name: name, detail: detail, newestData: newest), events: events)
    }

    // MARK: describe calls

    private func describe(credentials creds: AWSCredentials, now: Date) async throws {
        var warnings: [String] = []
        if resources == nil {
            resources = try await resolveResources(credentials: creds, warnings: &warnings)
        }
        let tgArn = resources?.targetGroupArn
        async let groupCall = link.groups.ask(settings.autoScalingGroup, member: groupMember)
        async let healthCall: [ELBv2Client.TargetHealthEntry]? = tgArn == nil ? nil
            : clients.elbv2.describeTargetHealth(targetGroupArn: tgArn!, credentials: creds)
        async let alarmsCall = link.alarms.ask(settings.alarmPrefix, member: alarmsMember)

        do {
            if let g = try await groupCall {
                group = g
            } else {
                warnings.append("no Auto Scaling group named \(settings.autoScalingGroup)")
            }
        } catch { try Self.tolerate(error, into: &warnings) }
        do {
            if let entries = try await healthCall {
                health = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            }
        } catch { try Self.tolerate(error, into: &warnings) }
        do {
            alarms = try await alarmsCall.sorted { $0.name < $1.name }
        } catch { try Self.tolerate(error, into: &warnings) }
        if settings.events { await describeEvents(credentials: creds, now: now, warnings: &warnings) }
        describeWarnings = warnings
    }

    /// Scaling activities and alarm history (since the backfill window; both shared by the link's
    /// sources) and instance refreshes (per group: the API takes one group, see
    /// ``AutoScalingClient/describeInstanceRefreshes(group:maxRecords:credentials:)``), each turned
    /// into events by the records' own rules; a refused call is a warning, as for the others.
    private func describeEvents(credentials creds: AWSCredentials, now: Date, warnings: inout [String]) async {
        let since = now.addingTimeInterval(-settings.backfill)
        async let activitiesCall = Self.activities(ActivitiesAsk(group: settings.autoScalingGroup, since: since),
                                                   link: link, member: activitiesMember)
        async let historyCall = Self.history(since: since, link: link, member: historyMember)
        async let refreshesCall = clients.autoScaling.describeInstanceRefreshes(group: settings.autoScalingGroup, credentials: creds)
        do { pendingEvents += try await activitiesCall.flatMap(\.events) } catch { try? Self.tolerate(error, into: &warnings) }
        do {
            let prefix = settings.alarmPrefix ?? ""
            pendingEvents += try await historyCall.filter { $0.alarmName.hasPrefix(prefix) }.compactMap(\.event)
        } catch { try? Self.tolerate(error, into: &warnings) }
        do { pendingEvents += try await refreshesCall.map { $0.event(fallbackTime: now) } }
        catch { try? Self.tolerate(error, into: &warnings) }
    }

    /// The group's scaling activities, through the link's shared round (none without a member).
    private static func activities(_ ask: ActivitiesAsk, link: CloudWatchLink, member: Int?) async throws -> [ScalingActivityRecord] {
        guard let member else { return [] }
        return try await link.activities.ask(ask, member: member)
    }

    /// The account's alarm history since `since`, through the link's shared round (none without a member).
    private static func history(since: Date, link: CloudWatchLink, member: Int?) async throws -> [AlarmHistoryRecord] {
        guard let member else { return [] }
        return try await link.alarmHistory.ask(since, member: member)
    }

    private func resolveResources(credentials creds: AWSCredentials, warnings: inout [String]) async throws -> Resources {
        var r = Resources(loadBalancerZones: [])
        do {
            if let lb = try await clients.elbv2.describeLoadBalancer(name: settings.loadBalancer, credentials: creds) {
                r.loadBalancerArn = lb.arn
                r.loadBalancerDimension = ELBv2Client.loadBalancerDimension(arn: lb.arn)
                r.loadBalancerZones = lb.zones
            } else {
                warnings.append("no load balancer named \(settings.loadBalancer)")
            }
        } catch let error as AWSAPIError {
            if case .service(_, _, _, let code, _) = error, code == "LoadBalancerNotFound" {
                warnings.append("no load balancer named \(settings.loadBalancer)")
            } else {
                try Self.tolerate(error, into: &warnings)
            }
        }
        do {
            var groups: [ELBv2Client.TargetGroup] = []
            if let tg = settings.targetGroup {
                groups = try await clients.elbv2.describeTargetGroups(name: tg, credentials: creds)
            } else if let lbArn = r.loadBalancerArn {
                groups = try await clients.elbv2.describeTargetGroups(loadBalancerArn: lbArn, credentials: creds)
            }
            if let tg = groups.min(by: { $0.name < $1.name }) {
                r.targetGroupArn = tg.arn
                r.targetGroupDimension = ELBv2Client.targetGroupDimension(arn: tg.arn)
            } else if r.loadBalancerArn != nil || settings.targetGroup != nil {
                warnings.append("no target group \(settings.targetGroup.map { "named \($0)" } ?? "on the load balancer")")
            }
        } catch let error as AWSAPIError {
            if case .service(_, _, _, let code, _) = error, code == "TargetGroupNotFound" {
                warnings.append("no target group named \(settings.targetGroup ?? "?")")
            } else {
                try Self.tolerate(error, into: &warnings)
            }
        }
        return r
    }

    /// Errors a describe call may have without failing the poll (a missing permission, an unknown
    /// resource); credentials and connection problems fail the poll.
    static func tolerate(_ error: any Error, into warnings: inout [String]) throws {
        guard let e = error as? AWSAPIError else { throw error }
        switch e {
        case .accessDenied, .service, .badResponse, .throttled: warnings.append(e.description)
        default: throw e
        }
    }

    // MARK: queries

    /// The zones per-zone series are asked for: the group's, else the load balancer's, else the configured.
    var zones: [String] {
        if let z = group?.zones, !z.isEmpty { return z.sorted() }
        if let z = resources?.loadBalancerZones, !z.isEmpty { return z.sorted() }
        return settings.fallbackZones
    }

    /// Every query of one refresh, with the key each id feeds.
    public func buildQueries() -> ([CWMetricDataQuery], [String: MetricKey]) {
        var keys: [MetricKey] = []
        let lb = resources?.loadBalancerDimension, tg = resources?.targetGroupDimension
        for spec in settings.metrics {
            switch spec {
            case .custom(let key): keys.append(key)
            case .panel(let metric):
                func key(_ dims: [FleetCore.Dimension]) -> MetricKey {
                    MetricKey(namespace: metric.namespace, name: metric.metricName, statistic: metric.statistic, dimensions: dims)
                }
                switch metric {
                case .cpu:
                    keys.append(key([FleetCore.Dimension("AutoScalingGroupName", settings.autoScalingGroup)]))
                case .requests:
                    guard let lb else { continue }
                    keys += zones.map { key([FleetCore.Dimension("LoadBalancer", lb), FleetCore.Dimension("AvailabilityZone", $0)]) }
                case .unhealthyHosts, .healthyHosts, .requestsPerTarget:
                    guard let lb, let tg else { continue }
                    keys += zones.map {
                        key([FleetCore.Dimension("LoadBalancer", lb), FleetCore.Dimension("TargetGroup", tg), FleetCore.Dimension("AvailabilityZone", $0)])
                    }
                }
            }
        }
        if settings.errorMetrics, let lb {
            for metric in ErrorMetric.allCases {
                keys += zones.map {
                    MetricKey(namespace: metric.namespace, name: metric.metricName, statistic: metric.statistic,
                              dimensions: [FleetCore.Dimension("LoadBalancer", lb), FleetCore.Dimension("AvailabilityZone", $0)])
                }
            }
        }
        if settings.instanceCPU, let group {
            for instance in group.instances.sorted(by: { $0.id < $1.id }) {
                keys.append(MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                      dimensions: [FleetCore.Dimension("InstanceId", instance.id)]))
            }
        }
        var queries: [CWMetricDataQuery] = []
        var byId: [String: MetricKey] = [:]
        for (i, key) in keys.enumerated() {
            let id = "q\(i)"
            byId[id] = key
            queries.append(CWMetricDataQuery(
                Id: id,
                MetricStat: CWMetricStat(
                    Metric: CWMetric(Namespace: key.namespace, MetricName: key.name,
                                     Dimensions: key.dimensions.map { CWDimension(Name: $0.name, Value: $0.value) }),
                    Period: settings.period, Stat: key.statistic),
                ReturnData: true))
        }
        return (queries, byId)
    }

    private func unit(of key: MetricKey) -> String {
        PanelMetric(key: key)?.unit ?? ErrorMetric(key: key)?.unit ?? "None"
    }

    private func currentInstances() -> [Instance]? {
        guard let group else { return nil }
        return group.instances.map { i in
            let h = health[i.id]
            let lifecycle = i.lifecycle
            let state = h?.state ?? (lifecycle == .pending ? .initial : .unused)
            return Instance(id: i.id, zone: i.zone, lifecycle: lifecycle, health: state, reason: h?.reason,
                            cpu: instanceCPU[i.id])
        }
    }

    /// The resolved load balancer and target group (after the first poll).
    public var resolved: Resources? { resources }
}
