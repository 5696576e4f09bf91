import FleetCore
import FleetSources
import ProbeTargets
import Foundation

/// `kind: probe`: `/health` checks of the targets a targets file or AWS CLI output names.
public struct ProbeSourceKind: SourceKind {
    public let key = "probe"

    public init() {}

    public func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource {
        try ProbeSource.make(config: entry, context: context)
    }
}

extension ProbeSource {
    /// The keys of a `kind: probe` entry.
    static let configKeys: Set<String> = [
        "kind", "name", "every", "targets", "target_group", "target_health", "instances", "concurrency",
    ]

    /// `kind: probe` with `targets: FILE` (a targets file), or `target_group`, `target_health` and
    /// `instances` (AWS CLI output), and `concurrency` (checks under way at once, default 256).
    /// Polled every `every` (default: the refresh); each target is checked at its own interval.
    static func make(config: SourceConfig, context: SourceContext) throws -> ScheduledSource {
        let s = config.settings
        try s.rejectUnknownKeys(allowed: configKeys)
        let files = ProbeTargetSources(targets: try s["targets"]?.filePath(),
                                       targetGroup: try s["target_group"]?.filePath(),
                                       targetHealth: try s["target_health"]?.filePath(),
                                       instances: try s["instances"]?.filePath())
        if let problem = files.problem {
            throw (s["targets"] ?? s["target_health"] ?? s["instances"] ?? s).error(problem)
        }
        let targets = try files.load()
        let concurrency = try s["concurrency"]?.int(in: 1...4096) ?? defaultConcurrency
        let source = ProbeSource(name: config.name, targets: targets, fleet: context.fleet, concurrency: concurrency)
        let longest = targets.map(\.settings.interval).max() ?? 30
        return ScheduledSource(source, every: config.every ?? min(context.refresh, 1),
                               staleAfter: max(3 * longest, 180))
    }
}
