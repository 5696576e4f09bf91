import FleetCore
import FleetSources
import Testing

/// `discover:` run again: what a new run's fleets change against the ones kept (pure).
@Suite("Discovered fleets: the set difference of two discovery runs")
struct DiscoveredFleetsTests {
    static func entry(_ group: String, _ region: String = "us-east-1", name: String? = nil, lb: String = "alb",
                      tg: String? = "tg", zones: [String] = ["a", "b"]) -> FleetEntry {
        FleetEntry(fleet: FleetInfo(name: name ?? group, region: region, zones: zones, loadBalancer: lb, autoScalingGroup: group),
                   profile: "prod", targetGroup: tg, sources: [])
    }

    /// A listed fleet `static`, then two discovered: ids 1 and 2.
    static func first() -> DiscoveredFleets {
        DiscoveredFleets(fleets: [entry("static"), entry("blue"), entry("api", "eu-west-1")], listed: 1)
    }

    @Test func theSameGroupsChangeNothing() {
        var kept = Self.first()
        let diff = kept.update(found: [Self.entry("blue"), Self.entry("api", "eu-west-1")])
        #expect(diff.isEmpty)
        #expect(kept.entries.keys.sorted() == [1, 2])
        #expect(kept.nextID == 3)
    }

    @Test func aNewGroupGetsANewIdAndAGoneGroupIsRemovedListedFleetsNeverTouched() {
        var kept = Self.first()
        let diff = kept.update(found: [Self.entry("green"), Self.entry("api", "eu-west-1")])
        #expect(diff.added.map(\.id) == [3])
        #expect(diff.added.map(\.entry.fleet.name) == ["green"])
        #expect(diff.removed.map(\.id) == [1])
        #expect(diff.removed.map(\.entry.fleet.name) == ["blue"])
        #expect(diff.updated.isEmpty)
        #expect(kept.entries.keys.sorted() == [2, 3])
        // blue comes back: a new id, never 1 again.
        let again = kept.update(found: [Self.entry("green"), Self.entry("api", "eu-west-1"), Self.entry("blue")])
        #expect(again.added.map(\.id) == [4])
        #expect(again.removed.isEmpty)
        // Nothing found: every discovered fleet goes; the listed one is not the tracker's to remove.
        let none = kept.update(found: [])
        #expect(none.removed.map(\.id) == [2, 3, 4])
        #expect(kept.entries.isEmpty)
    }

    @Test func aMovedGroupIsUpdatedUnderItsOldName() {
        var kept = DiscoveredFleets(fleets: [Self.entry("api", name: "api (us-east-1)"), Self.entry("api", "eu-west-1", name: "api (eu-west-1)")],
                                    listed: 0)
        // eu-west-1's group is gone, so a fresh first run would call us-east-1's plain "api": it keeps its name.
        let diff = kept.update(found: [Self.entry("api", lb: "alb-green", tg: "tg-green", zones: ["a", "b", "c"])])
        #expect(diff.updated.count == 1)
        #expect(diff.updated.first?.id == 0)
        #expect(diff.updated.first?.entry.fleet.name == "api (us-east-1)")
        #expect(diff.updated.first?.entry.targetGroup == "tg-green")
        #expect(diff.updated.first?.what == "load balancer alb-green, target group tg-green, zones a, b, c")
        #expect(diff.removed.map(\.id) == [1])
        #expect(kept.entries[0]?.fleet.loadBalancer == "alb-green")
        #expect(kept.update(found: [Self.entry("api", lb: "alb-green", tg: nil, zones: ["a", "b", "c"])]).updated.first?.what
            == "no target group")
    }

    @Test func aNewFleetNeverTakesANameInUse() {
        var kept = DiscoveredFleets(fleets: [Self.entry("static"), Self.entry("web")], listed: 1)
        // A group named like the listed fleet, and web appearing in a second region.
        let diff = kept.update(found: [Self.entry("web"), Self.entry("static", "eu-west-1"), Self.entry("web", "eu-west-1")])
        #expect(diff.added.map(\.entry.fleet.name) == ["static (eu-west-1)", "web (eu-west-1)"])
        // A name with its region already taken gets a number.
        var crowded = DiscoveredFleets(fleets: [Self.entry("x"), Self.entry("x (eu-west-1)")], listed: 2)
        #expect(crowded.update(found: [Self.entry("x", "eu-west-1")]).added.map(\.entry.fleet.name) == ["x (eu-west-1) 2"])
        // One group found twice in a run is added once.
        var twice = DiscoveredFleets(fleets: [], listed: 0)
        #expect(twice.update(found: [Self.entry("a"), Self.entry("a")]).added.count == 1)
    }
}
