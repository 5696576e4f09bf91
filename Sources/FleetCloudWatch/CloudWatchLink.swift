import AWSFormats
import FleetCore
import Foundation

/// What the sources of one region and account share in a process: ONE GetMetricData request per
/// refresh for all of them (``RequestBatcher`` of ``MetricDataAsk``s, split by ``MetricDataBatch``),
/// DescribeAutoScalingGroups for all their groups in one call (up to 100 names, see
/// ``AutoScalingClient/describeGroups(names:credentials:)``), and the throttling backoff
/// (``ThrottleGate``). DescribeAlarms and DescribeAlarmHistory read the whole account and region,
/// so they too are made once per round for all its sources, each source keeping what is its own;
/// so is DescribeScalingActivities, asked without a group name (``ScalingActivitiesBatch``).
/// Made by the first source of its key; the others join it.
public final class CloudWatchLink: Sendable {
    /// Sources share a link when they have the same region, credentials profile and endpoints.
    public struct Key: Sendable, Hashable {
        public var region: String
        /// The credentials profile (the account); `default` when none is named.
        public var profile: String
        /// The endpoints, for tests and VPC endpoints (empty: the public ones).
        public var endpoints: [String: AWSEndpoint]

        public init(region: String, profile: String, endpoints: [String: AWSEndpoint] = [:]) {
            self.region = region
            self.profile = profile
            self.endpoints = endpoints
        }
    }

    public let key: Key
    public let metricData: RequestBatcher<MetricDataAsk, CloudWatchClient.MetricData>
    public let groups: RequestBatcher<String, AutoScalingClient.Group?>
    /// Ask: the source's alarm-name prefix (nil: every alarm).
    public let alarms: RequestBatcher<String?, [AlarmStatus]>
    /// Ask: since when; answer: state updates since then.
    public let alarmHistory: RequestBatcher<Date, [AlarmHistoryRecord]>
    /// DescribeScalingActivities for every group of the round in one paged call (``ScalingActivitiesBatch``).
    public let activities: RequestBatcher<ActivitiesAsk, [ScalingActivityRecord]>
    public let throttle: ThrottleGate

    /// Seconds a round waits for the members it expects: long enough for a first poll's describe
    /// calls to finish at different times, short next to CloudWatch's one-minute data.
    public static let defaultGather: TimeInterval = 5

    /// `gather`: how long a round waits for its expected members (``RoundGathering``).
    public init(key: Key, clients: CloudWatchAPISource.Clients, credentials: @escaping @Sendable () async throws -> AWSCredentials,
                gather: TimeInterval = defaultGather, throttle: ThrottleGate = ThrottleGate()) {
        self.key = key
        self.throttle = throttle
        let cloudWatch = clients.cloudWatch, autoScaling = clients.autoScaling
        metricData = RequestBatcher(gather: gather) { asks in
            let creds = try await credentials()
            let batch = MetricDataBatch(asks)
            var pages: [CloudWatchClient.MetricData] = []
            for request in batch.requests {
                pages.append(try await cloudWatch.getMetricData(queries: request.queries, start: request.start,
                                                                end: request.end, credentials: creds))
            }
            return batch.split(pages, asks: asks)
        }
        groups = RequestBatcher(gather: gather) { names in
            let found = try await autoScaling.describeGroups(names: Array(Set(names)), credentials: try await credentials())
            let byName = Dictionary(found.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            return names.map { byName[$0] }
        }
        alarms = RequestBatcher(gather: gather) { prefixes in
            let creds = try await credentials()
            let distinct = Set(prefixes.map { $0 ?? "" })
            // One call when the prefixes allow (one prefix, or one member wanting every alarm);
            // otherwise one per distinct prefix, still not one per source.
            if distinct.count == 1 || distinct.contains("") {
                let common = distinct.count == 1 ? distinct.first! : ""
                let all = try await cloudWatch.describeAlarms(prefix: common.isEmpty ? nil : common, credentials: creds)
                return prefixes.map { p in all.filter { $0.name.hasPrefix(p ?? "") } }
            }
            var byPrefix: [String: [AlarmStatus]] = [:]
            for p in distinct { byPrefix[p] = try await cloudWatch.describeAlarms(prefix: p, credentials: creds) }
            return prefixes.map { byPrefix[$0 ?? ""] ?? [] }
        }
        alarmHistory = RequestBatcher(gather: gather) { starts in
            let records = try await cloudWatch.describeAlarmHistory(since: starts.min() ?? Date(), credentials: try await credentials())
            return starts.map { since in records.filter { $0.timestamp >= since } }
        }
        activities = RequestBatcher(gather: gather) { asks in
            try await ScalingActivitiesBatch.send(asks, client: autoScaling, credentials: try await credentials())
        }
    }
}

/// The links of a process, by key: one ``CloudWatchSourceKind`` holds them, so every
/// `kind: cloudwatch` source of every fleet that shares a region and account shares one link.
public final class CloudWatchLinks: @unchecked Sendable {  // the table is behind `lock`
    private let lock = NSLock()
    private var links: [CloudWatchLink.Key: CloudWatchLink] = [:]
    /// How long a round waits for its expected members (``RoundGathering``).
    public let gather: TimeInterval

    public init(gather: TimeInterval = CloudWatchLink.defaultGather) {
        self.gather = gather
    }

    /// The link for `key`, made with `make(gather)` the first time.
    public func link(for key: CloudWatchLink.Key, make: (TimeInterval) -> CloudWatchLink) -> CloudWatchLink {
        lock.withLock {
            if let link = links[key] { return link }
            let link = make(gather)
            links[key] = link
            return link
        }
    }

    public var count: Int { lock.withLock { links.count } }

    /// The keys of the links made so far.
    public var keys: [CloudWatchLink.Key] { lock.withLock { Array(links.keys) } }
}
