import FleetCore
import FleetDashboard
import FleetSources
import Foundation
import Synchronization

/// A poller per fleet (as ``PollersFeed``: simulated fleets in one ``PollerDriver``), and `discover:` run again every `every` seconds: a
/// group found since is a new fleet (its poller made and started), a group no longer found is
/// removed (its poller stopped), a group whose load balancer, target group or zones moved gets a
/// new poller on its new description. Each change reaches the overview as a ``FleetSetChange``
/// before the new pollers' first states; a failed run keeps every fleet and says why.
public struct RediscoveringFeed: FleetsFeed {
    /// The first fleets' pollers (their ids are their places), handed to the running set at start:
    /// the feed keeps none, so a removed fleet's poller and sources are freed once stopped (and its
    /// `kind: cloudwatch` source leaves its shared request rounds).
    private let first: Handoff
    /// The fleets the first discovery found (``DiscoveredFleets``, its ids the pollers' places).
    public let discovered: DiscoveredFleets
    /// Seconds between discovery runs.
    public let every: TimeInterval
    /// One discovery run: the fleets found, as the first run made them.
    public let rediscover: @Sendable () async throws -> [FleetEntry]
    /// The poller of a fleet found later.
    public let makePoller: @Sendable (FleetEntry) throws -> Poller

    public init(pollers: [Poller], discovered: DiscoveredFleets, every: TimeInterval,
                rediscover: @escaping @Sendable () async throws -> [FleetEntry],
                makePoller: @escaping @Sendable (FleetEntry) throws -> Poller) {
        self.first = Handoff(pollers)
        self.discovered = discovered
        self.every = every
        self.rediscover = rediscover
        self.makePoller = makePoller
    }

    public func start(deliver: @escaping @Sendable (Int, FleetState) -> Void) -> @Sendable () -> Void {
        start(deliver: deliver, change: { _ in })
    }

    public func start(deliver: @escaping @Sendable (Int, FleetState) -> Void,
                      change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        start(deliverRounds: { for (index, state) in $0 { deliver(index, state) } }, change: change)
    }

    /// Starts the pollers and the discovery runs; a feed starts once.
    public func start(deliverRounds: @escaping @Sendable (PollerDriver.Round) -> Void,
                      change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        let running = RunningPollers(deliver: deliverRounds)
        for (id, poller) in first.take().enumerated() { running.start(poller, id: id) }
        let (every, rediscover, makePoller, kept) = (self.every, self.rediscover, self.makePoller, discovered)
        let loop = Task.detached {
            var discovered = kept
            while !Task.isCancelled {
                do { try await Task.sleep(for: .seconds(every)) } catch { return }
                let found: [FleetEntry]
                do {
                    found = try await rediscover()
                } catch {
                    if Task.isCancelled { return }
                    change(FleetSetChange(problem: SafeText.line("\(error)")))
                    continue
                }
                if Task.isCancelled { return }
                let diff = discovered.update(found: found)
                guard !diff.isEmpty else { continue }
                let (set, start, failed) = Self.apply(diff, stopping: running, makePoller: makePoller)
                for id in failed { discovered.forget(id) }
                change(set)
                for (id, poller) in start { running.start(poller, id: id) }
            }
        }
        return {
            loop.cancel()
            running.stopAll()
        }
    }

    /// Stops the pollers of removed and moved fleets and makes the new ones (not yet started: the
    /// change must reach the overview first); a poller that cannot be made is said in the change,
    /// and its fleet is left out (`failed`: the next run tries it again).
    static func apply(_ diff: DiscoveredFleets.Diff, stopping running: RunningPollers,
                      makePoller: (FleetEntry) throws -> Poller) -> (set: FleetSetChange, start: [(Int, Poller)], failed: [Int]) {
        var set = FleetSetChange()
        var start: [(Int, Poller)] = []
        var problems: [String] = []
        var failed: [Int] = []
        for (id, _) in diff.removed {
            running.stop(id: id)
            set.removed.append(id)
        }
        for (id, entry, what) in diff.updated {
            running.stop(id: id)
            do {
                start.append((id, try makePoller(entry)))
                set.updated.append(.init(id: id, fleet: entry.fleet, what: what))
            } catch {
                // The old description's poller is stopped and none can be made: the fleet goes.
                problems.append("\(entry.fleet.name): \(error)")
                set.removed.append(id)
                failed.append(id)
            }
        }
        for (id, entry) in diff.added {
            do {
                let poller = try makePoller(entry)
                set.added.append(.init(id: id, state: poller.initialState, account: entry.account))
                start.append((id, poller))
            } catch {
                problems.append("\(entry.fleet.name): \(error)")
                failed.append(id)
            }
        }
        if !problems.isEmpty { set.problem = SafeText.line(problems.joined(separator: "; ")) }
        return (set, start, failed)
    }
}

/// Pollers handed over once.
final class Handoff: Sendable {
    private let pollers: Mutex<[Poller]>

    init(_ pollers: [Poller]) {
        self.pollers = Mutex(pollers)
    }

    func take() -> [Poller] {
        pollers.withLock { p in defer { p = [] }; return p }
    }
}
