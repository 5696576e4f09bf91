import FleetCore
import Foundation

/// `kind: mock`: the fleet simulator, polled every `every` (default: the refresh).
public struct MockSourceKind: SourceKind {
    public let key = "mock"

    public init() {}

    public func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource {
        ScheduledSource(try MockSource(config: entry, context: context), every: entry.every ?? context.refresh)
    }
}

extension MockSource {
    /// `kind: mock` with `scenario`, `seed`, `speed`, `start` (ISO 8601) and `prefill` (a duration).
    init(config: SourceConfig, context: SourceContext) throws {
        let s = config.settings
        try s.rejectUnknownKeys(allowed: ["kind", "name", "every", "scenario", "seed", "speed", "start", "prefill", "min_size", "max_size"])
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
        let prefill = try s["prefill"]?.duration(max: Ceilings.prefill, for: "prefill") ?? context.mockPrefill
        start = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / 60).rounded(.down) * 60)
        // The group's size: target tracking between these (default 6 and 12).
        var policy = TargetTrackingPolicy.erato
        if let node = s["min_size"] { policy.minSize = try node.int(in: 1...Ceilings.simulatedGroupSize) }
        if let node = s["max_size"] { policy.maxSize = try node.int(in: 1...Ceilings.simulatedGroupSize) }
        guard policy.maxSize >= policy.minSize else {
            throw (s["max_size"] ?? s["min_size"]!).error("max_size (\(policy.maxSize)) is below min_size (\(policy.minSize))")
        }
        self.init(scenario: scenario, seed: seed, start: start, speed: speed, fleet: context.fleet, prefill: prefill,
                  policy: policy)
    }
}
