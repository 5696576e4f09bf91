import FleetCore
import Foundation
import Yams

/// A fleetwatch configuration file:
///
///     fleet: {name: erato-backend, region: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c]}
///     refresh: 1s
///     history: 24h
///     sources:
///       - kind: cloudwatch-files
///         every: 30s
///         metric_data: data/get-metric-data.json
///       - kind: mock
///         scenario: steady
///
/// Each source is kept as its settings node; the code for its kind reads the keys it knows
/// (`SourceConfig.settings`) so that every kind's keys, and their errors, live with that kind.
public struct FleetConfig: Sendable {
    public var file: String
    public var fleet: FleetInfo
    /// Seconds between screen refreshes (and the default poll interval).
    public var refresh: TimeInterval
    /// How much history each series keeps, in seconds (the longest window to zoom to).
    public var history: TimeInterval
    public var sources: [SourceConfig]
    /// The `alarms:` node, when present (a path or a list of definitions).
    public var alarms: ConfigNode?
    /// The `keys:` node, when present: actions rebound to keys (read by the dashboard's key map).
    public var keys: ConfigNode?
    /// The `scaling:` node, when present: the group's scaling policies for the dashboard's scaling view
    /// (a Terraform file or folder, or `describe-policies` output; ``loadScaling()``).
    public var scaling: ConfigNode?
    /// `mouse: true` turns mouse reporting on (off by default: the terminal's own selection works).
    public var mouse = false

    /// The history kept when the configuration does not say: a day.
    public static let defaultHistory: TimeInterval = 86400

    /// Largest configuration file read (it is a few lines; anything bigger is a mistake).
    public static let maxFileSize = 4 << 20

    public static func load(path: String) throws -> FleetConfig {
        try parse(ConfigNode.document(path: path, maxSize: maxFileSize))
    }

    public static func parse(_ text: String, file: String, baseDirectory: URL) throws -> FleetConfig {
        try parse(ConfigNode.document(yaml: text, file: file, baseDirectory: baseDirectory))
    }

    private static func parse(_ root: ConfigNode) throws -> FleetConfig {
        try root.rejectUnknownKeys(allowed: ["fleet", "refresh", "history", "sources", "alarms", "scaling", "keys", "mouse"])

        var fleet = FleetInfo.erato
        if let f = root["fleet"] {
            try f.rejectUnknownKeys(allowed: ["name", "region", "zones", "load_balancer", "auto_scaling_group"])
            if let v = f["name"] { fleet.name = try v.string() }
            if let v = f["region"] { fleet.region = try v.string() }
            if let v = f["zones"] { fleet.zones = try v.items().map { try $0.string() } }
            if let v = f["load_balancer"] { fleet.loadBalancer = try v.string() }
            if let v = f["auto_scaling_group"] { fleet.autoScalingGroup = try v.string() }
        }
        let refresh = try root["refresh"]?.duration() ?? 1
        let history = try root["history"]?.duration() ?? defaultHistory
        guard history >= 900, history <= Ceilings.history else {
            throw root["history"]!.error("expected between 15m and 14d")
        }
        let sourcesNode = try root.require("sources")
        var sources: [SourceConfig] = []
        var names: Set<String> = []
        for item in try sourcesNode.items() {
            let source = try SourceConfig(item)
            guard names.insert(source.name).inserted else {
                throw item.error("two sources are named '\(source.name)'; give one a `name:`")
            }
            sources.append(source)
        }
        if sources.isEmpty { throw sourcesNode.error("at least one source is needed") }
        var config = FleetConfig(file: root.file, fleet: fleet, refresh: refresh, history: history, sources: sources,
                                 alarms: root["alarms"])
        config.keys = root["keys"]
        config.scaling = root["scaling"]
        config.mouse = try root["mouse"]?.bool() ?? false
        return config
    }
}

/// One entry of `sources:`: its kind, name, poll interval and the rest of its settings.
public struct SourceConfig: Sendable {
    public var kind: String
    public var name: String
    /// Seconds between polls; nil for the kind's default.
    public var every: TimeInterval?
    /// The whole entry, for the kind's own keys.
    public var settings: ConfigNode

    init(_ node: ConfigNode) throws {
        kind = try node.require("kind").string()
        name = try node["name"]?.string() ?? kind
        every = try node["every"]?.duration()
        settings = node
    }
}
