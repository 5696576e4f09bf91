import FleetCore
import Foundation

/// Builds the sources a configuration names. Each kind reads its own keys from its entry.
public enum SourceFactory {
    /// What building a source may depend on besides its entry.
    public struct Context: Sendable {
        /// The fleet the configuration describes.
        public var fleet: FleetInfo
        /// Wall-clock time now.
        public var now: Date
        /// Seconds between refreshes: the default poll interval.
        public var refresh: TimeInterval
        /// Simulated history a mock source starts with (so charts are not empty).
        public var mockPrefill: TimeInterval

        public init(fleet: FleetInfo, now: Date, refresh: TimeInterval, mockPrefill: TimeInterval) {
            self.fleet = fleet
            self.now = now
            self.refresh = refresh
            self.mockPrefill = mockPrefill
        }
    }

    /// The kinds a configuration may name, with the keys each takes.
    public static let kinds = ["mock", "cloudwatch-files", "cloudwatch", "probe"]

    public static func make(_ config: SourceConfig, context: Context) throws -> ScheduledSource {
        switch config.kind {
        case "mock":
            let source = try MockSource(config: config, context: context)
            return ScheduledSource(source, every: config.every ?? context.refresh)
        case "cloudwatch-files":
            let source = try CloudWatchFilesSource(config: config)
            return ScheduledSource(source, every: config.every ?? 30)
        case "probe":
            return try ProbeSource.make(config: config, context: context)
        case "cloudwatch":
            return try CloudWatchAPISource.scheduled(config: config, context: context)
        default:
            throw config.settings["kind"]!.error("unknown source kind '\(config.kind)' (known: \(kinds.joined(separator: ", ")))")
        }
    }

    /// Every source of a configuration, and the poller that runs them.
    public static func poller(for config: FleetConfig, now: Date, mockPrefill: TimeInterval) throws -> Poller {
        let context = Context(fleet: config.fleet, now: now, refresh: config.refresh, mockPrefill: mockPrefill)
        let sources = try config.sources.map { try make($0, context: context) }
        let capacity = max(60, Int(config.history / 60))
        let alarms = try loadAlarms(config)
        let state = FleetState(time: now, fleet: config.fleet, targets: alarms.targets, seriesCapacity: capacity)
        return Poller(state: state, sources: sources, localAlarms: alarms.definitions)
    }

    /// The configuration's `alarms:`: a file or list of files (Terraform, describe-alarms JSON,
    /// fleetwatch YAML; relative to the configuration), or definitions written in place.
    public static func loadAlarms(_ config: FleetConfig) throws -> LoadedAlarms {
        guard let node = config.alarms else { return LoadedAlarms() }
        if let items = node.node.sequence, items.contains(where: { $0.mapping != nil }) {
            return try YAMLAlarmDefinitions.load(alarms: node.node, file: config.file)
        }
        var loaded = LoadedAlarms()
        for item in node.itemsOrSingle() {
            loaded.append(try AlarmDefinitionLoader.load(path: try item.filePath()))
        }
        return loaded
    }
}

extension MockSource {
    /// `kind: mock` with `scenario`, `seed`, `speed`, `start` (ISO 8601) and `prefill` (a duration).
    init(config: SourceConfig, context: SourceFactory.Context) throws {
        let s = config.settings
        try s.rejectUnknownKeys(allowed: ["kind", "name", "every", "scenario", "seed", "speed", "start", "prefill"])
        var scenario = Scenario.steady
        if let node = s["scenario"] {
            let name = try node.string()
            guard let known = Scenario(rawValue: name) else {
                throw node.error("unknown scenario '\(name)' (known: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            scenario = known
        }
        let seed = try s["seed"].map { UInt64(try $0.int(in: 0...Int.max)) } ?? 1
        let speed = try s["speed"]?.double() ?? 1
        guard speed > 0, speed <= 100_000 else { throw s["speed"]!.error("expected a speed above 0 and at most 100000") }
        var start = context.now
        if let node = s["start"] {
            let text = try node.string()
            guard let date = ISOTime.parse(text) else { throw node.error("expected an ISO 8601 time, got \"\(text)\"") }
            start = date
        }
        let prefill = try s["prefill"]?.duration() ?? context.mockPrefill
        start = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / 60).rounded(.down) * 60)
        self.init(scenario: scenario, seed: seed, start: start, speed: speed, fleet: context.fleet, prefill: prefill)
    }
}
