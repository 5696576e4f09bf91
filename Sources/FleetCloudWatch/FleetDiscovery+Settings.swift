import FleetCore
import FleetSources
import Foundation

extension FleetDiscovery {
    /// `discover: {regions: [us-east-1, eu-west-1], tags: {Application: erato}, profile: prod}`:
    /// where to look, the tags every group must carry, whose credentials; `endpoint:` (a URL) for a
    /// VPC endpoint or a local emulator.
    public struct Settings: Sendable {
        public var regions: [String]
        /// Tag key and value, all required (sorted by key).
        public var tags: [(key: String, value: String)]
        public var profile: String?
        public var endpoint: AWSEndpoint?

        public init(regions: [String], tags: [(key: String, value: String)], profile: String? = nil, endpoint: AWSEndpoint? = nil) {
            self.regions = regions
            self.tags = tags
            self.profile = profile
            self.endpoint = endpoint
        }

        public static let keys: Set<String> = ["regions", "tags", "profile", "endpoint"]

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
            if let e = node["endpoint"] {
                let text = try e.string()
                guard let url = AWSEndpoint(url: text) else { throw e.error("expected a URL like https://host:port, got \"\(text)\"") }
                endpoint = url
            }
        }
    }
}
