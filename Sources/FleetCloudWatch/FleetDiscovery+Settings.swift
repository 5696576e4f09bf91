import FleetCore
import FleetSources
import Foundation

extension FleetDiscovery {
    /// `discover: {regions: [us-east-1, eu-west-1], tags: {Application: erato}, profile: prod}`:
    /// where to look, the tags every group must carry, whose credentials; `endpoint:` (a URL) for a
    /// VPC endpoint or a local emulator; `every: 5m`, how often the dashboard runs it again
    /// (``defaultEvery``, at least ``minimumEvery``; `snapshot` runs it once).
    public struct Settings: Sendable {
        public var regions: [String]
        /// Tag key and value, all required (sorted by key).
        public var tags: [(key: String, value: String)]
        public var profile: String?
        public var endpoint: AWSEndpoint?
        /// Seconds between discovery runs while the dashboard runs.
        public var every: TimeInterval = Self.defaultEvery

        /// Five minutes: a new group shows within one; each run costs a DescribeAutoScalingGroups
        /// (and the target group and load balancer describes) per region, well inside their quotas.
        public static let defaultEvery: TimeInterval = 300
        /// A minute: faster would only spend describe calls (an Auto Scaling group takes longer than
        /// that to launch its instances) and compete with the pollers for the account's request rate.
        public static let minimumEvery: TimeInterval = 60
        /// A day.
        public static let maximumEvery: TimeInterval = 86_400

        public init(regions: [String], tags: [(key: String, value: String)], profile: String? = nil, endpoint: AWSEndpoint? = nil) {
            self.regions = regions
            self.tags = tags
            self.profile = profile
            self.endpoint = endpoint
        }

        public static let keys: Set<String> = ["regions", "tags", "profile", "endpoint", "every"]

        /// Reads a `discover:` node; every mistake is an ``InputError`` naming the file and line.
        public init(_ node: ConfigNode) throws {
            try node.rejectUnknownKeys(allowed: Self.keys)
            let regionsNode = try node.require("regions")
            regions = []
            for item in try regionsNode.items() {
                let region = try item.string()
                guard AWSEndpoint.isPlausibleRegion(region) else {
                    throw item.error("'\(region)' is not an AWS region name (like us-east-1)")
                }
                if !regions.contains(region) { regions.append(region) }
            }
            if regions.isEmpty { throw regionsNode.error("at least one region is needed") }
            let tagsNode = try node.require("tags")
            tags = try tagsNode.entries().map { entry in
                let value = try entry.value.string()
                guard !entry.key.isEmpty else { throw entry.value.error("a tag key cannot be empty") }
                return (entry.key, value)
            }.sorted { $0.key < $1.key }
            if tags.isEmpty {
                throw tagsNode.error("at least one tag is needed (without one, every Auto Scaling group would be a fleet)")
            }
            profile = try node["profile"]?.string()
            if let e = node["every"] {
                every = try e.duration(max: Self.maximumEvery, for: "`discover: every`")
                guard every >= Self.minimumEvery else {
                    throw e.error("discovery runs at most once a minute: `every:` must be at least 1m, got \(DurationText.describe(every))")
                }
            }
            if let e = node["endpoint"] {
                let text = try e.string()
                guard let url = AWSEndpoint(url: text) else { throw e.error("expected a URL like https://host:port, got \"\(text)\"") }
                endpoint = url
            }
        }
    }
}
