import FleetCore
import Foundation

/// One fleet of a configuration: what it is, whose credentials its AWS calls use, its sources and
/// its alarms. A configuration of one fleet (`fleet:` + `sources:`) is one entry; `fleets:` lists
/// several, each taking the top-level `sources:` and `alarms:` when it names none of its own.
public struct FleetEntry: Sendable {
    public var fleet: FleetInfo
    /// The AWS profile (`~/.aws/config`) the fleet's AWS sources use unless a source names its own.
    public var profile: String?
    /// The account's name as the overview shows it (`account: staging`); nil when not given.
    public var account: String?
    /// The ALB target group, when the configuration names it (the live source finds it otherwise).
    public var targetGroup: String?
    public var sources: [SourceConfig]
    /// The fleet's `alarms:` node, when present (a path or a list of definitions).
    public var alarms: ConfigNode?
    /// The fleet's own `scaling:` node (its group's scaling policies for the scaling view), when an item
    /// of `fleets:` names one; otherwise the fleet takes the top-level `scaling:` (``FleetConfig/loadScaling(for:)``).
    public var scaling: ConfigNode?

    public init(fleet: FleetInfo, profile: String? = nil, account: String? = nil, targetGroup: String? = nil,
                sources: [SourceConfig], alarms: ConfigNode? = nil, scaling: ConfigNode? = nil) {
        self.fleet = fleet
        self.profile = profile
        self.account = account
        self.targetGroup = targetGroup
        self.sources = sources
        self.alarms = alarms
        self.scaling = scaling
    }

    /// The keys a fleet's mapping takes: under `fleet:` the first five; an item of `fleets:` all.
    static let infoKeys: Set<String> = ["name", "region", "zones", "load_balancer", "auto_scaling_group"]
    static let entryKeys: Set<String> = infoKeys.union(["profile", "account", "target_group", "sources", "alarms", "scaling"])

    /// Reads the fleet description keys of `node` over `base`.
    static func info(_ node: ConfigNode, over base: FleetInfo) throws -> FleetInfo {
        var fleet = base
        if let v = node["name"] { fleet.name = try v.string() }
        if let v = node["region"] { fleet.region = try v.string() }
        if let v = node["zones"] { fleet.zones = try v.items().map { try $0.string() } }
        if let v = node["load_balancer"] { fleet.loadBalancer = try v.string() }
        if let v = node["auto_scaling_group"] { fleet.autoScalingGroup = try v.string() }
        return fleet
    }

    /// The `sources:` list of a node: at least one, names unique.
    static func sources(_ node: ConfigNode) throws -> [SourceConfig] {
        var sources: [SourceConfig] = []
        var names: Set<String> = []
        for item in try node.items() {
            let source = try SourceConfig(item)
            guard names.insert(source.name).inserted else {
                throw item.error("two sources are named '\(source.name)'; give one a `name:`")
            }
            sources.append(source)
        }
        if sources.isEmpty { throw node.error("at least one source is needed") }
        return sources
    }
}

/// `on_alarm:` — what to do when an alarm of any fleet goes to ALARM: ring the terminal bell, and/or
/// run a command (a list: the program and its arguments, never a shell string) with the fleet, the
/// alarm and the state in its environment (`FLEETWATCH_FLEET`, `FLEETWATCH_ALARM`, `FLEETWATCH_STATE`).
public struct OnAlarm: Sendable, Equatable {
    public var bell: Bool
    public var command: [String]?

    public init(bell: Bool = false, command: [String]? = nil) {
        self.bell = bell
        self.command = command
    }

    static func parse(_ node: ConfigNode) throws -> OnAlarm {
        try node.rejectUnknownKeys(allowed: ["bell", "command"])
        var action = OnAlarm(bell: try node["bell"]?.bool() ?? false)
        if let c = node["command"] {
            guard c.node.sequence != nil else {
                throw c.error("expected a list: the program, then its arguments (no shell is used)")
            }
            let argv = try c.items().map { try $0.string() }
            guard let program = argv.first, !program.isEmpty else { throw c.error("the command is empty") }
            action.command = argv
        }
        return action
    }
}
