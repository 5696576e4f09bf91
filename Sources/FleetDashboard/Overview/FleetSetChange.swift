import FleetCore

/// A change to the set of fleets while the overview runs (`discover:` run again on its schedule):
/// fleets found since the last run, fleets no longer found, fleets whose load balancer, target
/// group or zones moved, or why the run failed. Fleets are named by a stable id (their feed's
/// index: the configuration's fleets are 0, 1, …; fleets added later get ids never used before).
public struct FleetSetChange: Sendable {
    /// A fleet to add, with its first state (its poller's ``FleetSources/Poller/initialState``).
    public struct Added: Sendable {
        public var id: Int
        public var state: FleetState
        public var account: String?

        public init(id: Int, state: FleetState, account: String? = nil) {
            self.id = id
            self.state = state
            self.account = account
        }
    }

    /// A fleet that stays, described anew (its poller was started again on the new description).
    public struct Updated: Sendable {
        public var id: Int
        public var fleet: FleetInfo
        /// What changed, for the notice (`target group tg-b`: "NAME now has target group tg-b").
        public var what: String

        public init(id: Int, fleet: FleetInfo, what: String) {
            self.id = id
            self.fleet = fleet
            self.what = what
        }
    }

    public var added: [Added]
    public var removed: [Int]
    public var updated: [Updated]
    /// Why the run failed (the fleets are kept), for the status line.
    public var problem: String?

    public init(added: [Added] = [], removed: [Int] = [], updated: [Updated] = [], problem: String? = nil) {
        self.added = added
        self.removed = removed
        self.updated = updated
        self.problem = problem
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && updated.isEmpty && problem == nil }
}
