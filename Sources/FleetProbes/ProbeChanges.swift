import FleetCore

/// Which targets changed state or reason since the last report: what `fleetwatch probe` prints
/// while it watches, one line per change. A target not seen before counts as changed (from nothing).
public struct ProbeChanges: Sendable {
    /// A target whose state or reason changed, with the state it had before (nil: first seen).
    public struct Change: Sendable, Hashable {
        public var target: ProbeReport.Target
        public var from: TargetHealth?
    }

    private var last: [String: (state: TargetHealth, reason: String?)] = [:]

    public init() {}

    /// The targets of `report` whose state or reason differs from the previous report's, in report order.
    public mutating func changes(in report: ProbeReport) -> [Change] {
        var out: [Change] = []
        for target in report.targets {
            let before = last[target.id]
            if before?.state != target.state || before?.reason != target.reason {
                out.append(Change(target: target, from: before?.state))
            }
            last[target.id] = (target.state, target.reason)
        }
        return out
    }
}
