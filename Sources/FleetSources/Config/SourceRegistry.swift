import AlarmDefinitions
import FleetCore
import Foundation

/// The source kinds a program links, by their `kind:` key, and the poller a configuration's sources
/// make. The executable fills it; a test registers only the kinds it needs.
public struct SourceRegistry: Sendable {
    /// The registered kinds, in the order they were registered (the order errors list them in).
    public private(set) var kinds: [any SourceKind] = []

    public init(_ kinds: [any SourceKind] = []) {
        for kind in kinds { register(kind) }
    }

    /// Adds `kind`; a kind registered earlier under the same key is replaced.
    public mutating func register(_ kind: any SourceKind) {
        if let i = kinds.firstIndex(where: { $0.key == kind.key }) { kinds[i] = kind } else { kinds.append(kind) }
    }

    /// The keys of the registered kinds.
    public var keys: [String] { kinds.map(\.key) }

    /// The source an entry names, with its schedule. An unknown kind's error lists the registered ones.
    public func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource {
        guard let kind = kinds.first(where: { $0.key == entry.kind }) else {
            throw (entry.settings["kind"] ?? entry.settings)
                .error("unknown source kind '\(entry.kind)' (known: \(keys.joined(separator: ", ")))")
        }
        return try kind.make(entry, context: context)
    }

    /// Every source of a configuration's first (for a one-fleet file, only) fleet, and the poller that runs them.
    public func poller(for config: FleetConfig, now: Date, mockPrefill: TimeInterval) throws -> Poller {
        try poller(for: config.primary, in: config, now: now, mockPrefill: mockPrefill)
    }

    /// Every source of one fleet of `config`, and the poller that runs them.
    public func poller(for entry: FleetEntry, in config: FleetConfig, now: Date, mockPrefill: TimeInterval) throws -> Poller {
        var context = SourceContext(fleet: entry.fleet, now: now, refresh: config.refresh, mockPrefill: mockPrefill,
                                    profile: entry.profile, targetGroup: entry.targetGroup)
        context.regionIsChosen = config.isMultiFleet
        let sources = try entry.sources.map { try make($0, context: context) }
        let capacity = max(60, Int(config.history / 60))
        let alarms = try entry.loadAlarms(file: config.file)
        let state = FleetState(time: now, fleet: entry.fleet, targets: alarms.targets, seriesCapacity: capacity)
        return Poller(state: state, sources: sources, localAlarms: alarms.definitions)
    }
}

extension FleetConfig {
    /// The first fleet's `alarms:` (see ``FleetEntry/loadAlarms(file:)``).
    public func loadAlarms() throws -> LoadedAlarms {
        try primary.loadAlarms(file: file)
    }
}

extension FleetEntry {
    /// The fleet's `alarms:`: a file or list of files (Terraform, describe-alarms JSON,
    /// fleetwatch YAML; relative to the configuration), or definitions written in place.
    public func loadAlarms(file: String) throws -> LoadedAlarms {
        guard let node = alarms else { return LoadedAlarms() }
        if let items = node.node.sequence, items.contains(where: { $0.mapping != nil }) {
            return try YAMLAlarmDefinitions.load(alarms: node.node, file: file)
        }
        var loaded = LoadedAlarms()
        for item in node.itemsOrSingle() {
            loaded.append(try AlarmDefinitionLoader.load(path: try item.filePath()))
        }
        return loaded
    }
}
