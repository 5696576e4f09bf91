import FleetCore

/// The fleets `discover:` found, kept up to date while fleetwatch runs: each by a stable id, known
/// by its Auto Scaling group and region. ``update(found:)`` compares a new discovery run with what
/// is kept and says which fleets are new, which are gone and which moved to another load balancer,
/// target group or zones. Pure. Fleets listed under `fleets:` are never touched (only their names
/// are kept out of the way).
public struct DiscoveredFleets: Sendable {
    /// What a discovery run changed.
    public struct Diff: Sendable {
        public var added: [(id: Int, entry: FleetEntry)] = []
        public var removed: [(id: Int, entry: FleetEntry)] = []
        /// Fleets that stay under their name and id, with their new description and what changed.
        public var updated: [(id: Int, entry: FleetEntry, what: String)] = []

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && updated.isEmpty }
    }

    /// The discovered fleets, by id.
    public private(set) var entries: [Int: FleetEntry]
    /// The id the next new fleet gets (ids are never used twice).
    public private(set) var nextID: Int
    private let listedNames: Set<String>

    /// `fleets`: the configuration's fleets after the first discovery, the first `listed` of them
    /// from `fleets:` and the rest found by `discover:`; ids are their places in `fleets`.
    public init(fleets: [FleetEntry], listed: Int) {
        let listed = min(max(0, listed), fleets.count)
        listedNames = Set(fleets.prefix(listed).map(\.fleet.name))
        entries = Dictionary(uniqueKeysWithValues: fleets.indices.dropFirst(listed).map { ($0, fleets[$0]) })
        nextID = fleets.count
    }

    /// Where a discovered fleet is: its group and region (one discovery uses one profile).
    struct Place: Hashable {
        var region: String
        var group: String
        init(_ entry: FleetEntry) {
            region = entry.fleet.region
            group = entry.fleet.autoScalingGroup
        }
    }

    /// Takes in the fleets one discovery run found (``FleetEntry``s as the first run made them):
    /// a group not kept is added under a new id (its name made unique among every fleet's, with
    /// its region, then a number); a kept group not found is removed; a kept group whose load
    /// balancer, target group or zones differ is updated under its old name.
    public mutating func update(found: [FleetEntry]) -> Diff {
        var diff = Diff()
        let foundByPlace = Dictionary(found.map { (Place($0), $0) }, uniquingKeysWith: { a, _ in a })
        for (id, kept) in entries.sorted(by: { $0.key < $1.key }) {
            guard var now = foundByPlace[Place(kept)] else {
                entries[id] = nil
                diff.removed.append((id, kept))
                continue
            }
            now.fleet.name = kept.fleet.name
            let what = Self.changes(from: kept, to: now)
            if !what.isEmpty {
                entries[id] = now
                diff.updated.append((id, now, what.joined(separator: ", ")))
            }
        }
        let keptPlaces = Set(entries.values.map(Place.init))
        var names = listedNames.union(entries.values.map(\.fleet.name))
        var seen = Set<Place>()
        for var entry in found where !keptPlaces.contains(Place(entry)) && seen.insert(Place(entry)).inserted {
            entry.fleet.name = Self.unique(entry.fleet.name, region: entry.fleet.region, among: names)
            names.insert(entry.fleet.name)
            entries[nextID] = entry
            diff.added.append((nextID, entry))
            nextID += 1
        }
        return diff
    }

    /// Forgets fleet `id` (its poller could not be made): the next run finds its group as new again.
    public mutating func forget(_ id: Int) {
        entries[id] = nil
    }

    /// What differs between two descriptions of one group, as the status line says it.
    static func changes(from old: FleetEntry, to new: FleetEntry) -> [String] {
        var what: [String] = []
        if old.fleet.loadBalancer != new.fleet.loadBalancer {
            what.append(new.fleet.loadBalancer.isEmpty ? "no load balancer" : "load balancer \(new.fleet.loadBalancer)")
        }
        if old.targetGroup != new.targetGroup { what.append(new.targetGroup.map { "target group \($0)" } ?? "no target group") }
        if old.fleet.zones != new.fleet.zones { what.append("zones \(new.fleet.zones.joined(separator: ", "))") }
        return what
    }

    /// `name`, or `name (region)`, or `name (region) 2`, … : the first not in `names`.
    static func unique(_ name: String, region: String, among names: Set<String>) -> String {
        if !names.contains(name) { return name }
        let base = name.hasSuffix(" (\(region))") ? name : "\(name) (\(region))"
        if !names.contains(base) { return base }
        var n = 2
        while names.contains("\(base) \(n)") { n += 1 }
        return "\(base) \(n)"
    }
}
