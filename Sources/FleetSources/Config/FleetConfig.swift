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
/// or several fleets, each with what one fleet has plus `profile:` (and `account:`, the name the
/// overview shows), taking the top-level `sources:` and `alarms:` when it names none:
///
///     fleets:
///       - {name: erato-backend, region: us-east-1, profile: prod}
///       - {name: erato-backend-eu, region: eu-west-1, zones: [eu-west-1a, eu-west-1b], profile: prod}
///       - {name: erato-staging, region: us-east-1, profile: staging, account: staging}
///     sources: [{kind: cloudwatch}]
///     on_alarm: {bell: true, command: [notify-send, fleetwatch]}
///
/// Each source is kept as its settings node; the code for its kind reads the keys it knows
/// (`SourceConfig.settings`) so that every kind's keys, and their errors, live with that kind.
public struct FleetConfig: Sendable {
    public var file: String
    /// The fleets, in file order: one for a `fleet:` + `sources:` file, each item of `fleets:`
    /// otherwise. Empty only when `discover:` finds them.
    public var fleets: [FleetEntry]
    /// Seconds between screen refreshes (and the default poll interval).
    public var refresh: TimeInterval
    /// How much history each series keeps, in seconds (the longest window to zoom to).
    public var history: TimeInterval
    /// The `discover:` node, when present: fleets found by their Auto Scaling groups' tags (read by
    /// the live CloudWatch module). Each found fleet takes the top-level `sources:` and `alarms:`.
    public var discover: ConfigNode?
    /// The top-level `sources:`: the one fleet's, or the default of every fleet naming none.
    public var defaultSources: [SourceConfig]
    /// The top-level `alarms:` node: the one fleet's, or the default of every fleet naming none.
    public var defaultAlarms: ConfigNode?
    /// The `keys:` node, when present: actions rebound to keys (read by the dashboard's key map).
    public var keys: ConfigNode?
    /// The `scaling:` node, when present: the group's scaling policies for the dashboard's scaling view
    /// (a Terraform file or folder, or `describe-policies` output; ``loadScaling()``).
    public var scaling: ConfigNode?
    /// `mouse: true` turns mouse reporting on (off by default: the terminal's own selection works).
    public var mouse = false
    /// `on_alarm:`, when present.
    public var onAlarm: OnAlarm?

    /// The history kept when the configuration does not say: a day.
    public static let defaultHistory: TimeInterval = 86400

    /// Largest configuration file read (it is a few lines; anything bigger is a mistake).
    public static let maxFileSize = 4 << 20

    /// A configuration of one fleet.
    public init(file: String, fleet: FleetInfo, refresh: TimeInterval, history: TimeInterval, sources: [SourceConfig],
                alarms: ConfigNode?) {
        self.file = file
        self.fleets = [FleetEntry(fleet: fleet, sources: sources, alarms: alarms)]
        self.refresh = refresh
        self.history = history
        self.defaultSources = sources
        self.defaultAlarms = alarms
    }

    /// The first (for a one-fleet file, the only) fleet; for a file that only discovers, the
    /// defaults with the built-in fleet description.
    public var primary: FleetEntry {
        fleets.first ?? FleetEntry(fleet: .erato, sources: defaultSources, alarms: defaultAlarms)
    }
    /// The first fleet's description.
    public var fleet: FleetInfo { primary.fleet }
    /// The first fleet's sources.
    public var sources: [SourceConfig] { primary.sources }
    /// The first fleet's `alarms:` node.
    public var alarms: ConfigNode? { primary.alarms }
    /// More than one fleet, or fleets still to be discovered: the overview opens first.
    public var isMultiFleet: Bool { fleets.count > 1 || discover != nil }

    public static func load(path: String) throws -> FleetConfig {
        try parse(ConfigNode.document(path: path, maxSize: maxFileSize))
    }

    public static func parse(_ text: String, file: String, baseDirectory: URL) throws -> FleetConfig {
        try parse(ConfigNode.document(yaml: text, file: file, baseDirectory: baseDirectory))
    }

    private static func parse(_ root: ConfigNode) throws -> FleetConfig {
        try root.rejectUnknownKeys(allowed: ["fleet", "fleets", "discover", "refresh", "history", "sources", "alarms",
                                             "scaling", "keys", "mouse", "on_alarm"])
        let refresh = try root["refresh"]?.duration() ?? 1
        let history = try root["history"]?.duration() ?? defaultHistory
        guard history >= 900, history <= Ceilings.history else {
            throw root["history"]!.error("expected between 15m and 14d")
        }
        if let fleetsNode = root["fleets"], let single = root["fleet"] {
            throw single.error("`fleet:` describes the one fleet of a file without `fleets:` (line \(fleetsNode.line ?? 0)); move it into the list")
        }
        let defaultSources: [SourceConfig]
        if let node = root["sources"] {
            defaultSources = try FleetEntry.sources(node)
        } else if root["fleets"] == nil && root["discover"] == nil {
            _ = try root.require("sources")  // throws: required key is missing
            defaultSources = []
        } else {
            defaultSources = []
        }
        var config = FleetConfig(file: root.file, fleet: .erato, refresh: refresh, history: history,
                                 sources: defaultSources, alarms: root["alarms"])
        if let fleetsNode = root["fleets"] {
            config.fleets = try fleets(fleetsNode, defaultSources: defaultSources, defaultAlarms: root["alarms"])
        } else if root["discover"] == nil {
            var fleet = FleetInfo.erato
            if let f = root["fleet"] {
                try f.rejectUnknownKeys(allowed: FleetEntry.infoKeys)
                fleet = try FleetEntry.info(f, over: fleet)
            }
            config.fleets[0].fleet = fleet
        } else {
            config.fleets = []
        }
        config.discover = root["discover"]
        config.keys = root["keys"]
        config.scaling = root["scaling"]
        config.mouse = try root["mouse"]?.bool() ?? false
        config.onAlarm = try root["on_alarm"].map(OnAlarm.parse)
        return config
    }

    /// The items of `fleets:`: names unique; a fleet without `sources:` (or `alarms:`) takes the top-level ones.
    private static func fleets(_ node: ConfigNode, defaultSources: [SourceConfig], defaultAlarms: ConfigNode?) throws -> [FleetEntry] {
        var entries: [FleetEntry] = []
        var names: [String: Int] = [:]
        for item in try node.items() {
            try item.rejectUnknownKeys(allowed: FleetEntry.entryKeys)
            let nameNode = try item.require("name")
            let fleet = try FleetEntry.info(item, over: .erato)
            if let first = names[fleet.name] {
                throw nameNode.error("two fleets are named '\(fleet.name)' (first at line \(first))")
            }
            names[fleet.name] = nameNode.line ?? 0
            let sources: [SourceConfig]
            if let s = item["sources"] {
                sources = try FleetEntry.sources(s)
            } else if !defaultSources.isEmpty {
                sources = defaultSources
            } else {
                throw item.error("the fleet has no `sources:` and the file has no top-level `sources:` for it to take")
            }
            entries.append(FleetEntry(fleet: fleet, profile: try item["profile"]?.string(), account: try item["account"]?.string(),
                                      targetGroup: try item["target_group"]?.string(), sources: sources,
                                      alarms: item["alarms"] ?? defaultAlarms, scaling: item["scaling"]))
        }
        if entries.isEmpty { throw node.error("at least one fleet is needed") }
        return entries
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
