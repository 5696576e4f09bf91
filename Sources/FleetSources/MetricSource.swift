import FleetCore
import Foundation

/// Anything that can answer "what do you know now?": the simulator, CloudWatch files, `/health`
/// probes, a recording, live CloudWatch.
///
/// A source never sleeps on its own schedule and never draws: the ``Poller`` decides when to call
/// it, merges the answer into the fleet state and records how the source is doing.
public protocol MetricSource: Sendable {
    /// Short name, shown in the status line and used as the ``SourceStatus`` name.
    var name: String { get }

    /// What the source knows at `now`: datapoints new since the previous poll and, when it knows
    /// them, the whole instance list, alarm states and target lines. Throwing marks the source as
    /// failing; the fleet state keeps its last good data.
    func poll(now: Date) async throws -> FleetUpdate

    /// True when ``poll(now:)`` answers at once: it does its own work and returns, never waiting on
    /// a peer, a timer, the network, a file or a process (the simulator). Pollers whose sources all
    /// answer at once may be stepped in turn by one task (``PollerDriver``); any other source keeps
    /// a task of its own, since a poll that waits (a `kind: cloudwatch` poll waits for its request
    /// round's other members) would hold up, or deadlock, every fleet stepped after it.
    /// Default: false.
    var answersAtOnce: Bool { get }
}

extension MetricSource {
    public var answersAtOnce: Bool { false }
}
