import FleetCore
import FleetDashboard
import Foundation
import Testing

/// Fleets coming and going while the overview runs (`discover:` run again): ``OverviewState/apply(_:)``.
@Suite("Overview: fleets added and removed")
struct OverviewFleetSetTests {
    func press(_ state: inout OverviewState, _ keys: Key...) {
        for key in keys { state.update(.key(key)) }
    }

    /// A fleet like fixture `i`, renamed.
    static func fleet(_ i: Int, name: String) -> FleetState {
        var state = OverviewFixtures.fleet(i)
        state.fleet.name = name
        state.fleet.autoScalingGroup = name
        return state
    }

    @Test func addedFleetsTakeTheirPlaceWorstFirstAndKeepSelectionAndFilter() {
        var state = OverviewFixtures.overview(count: 6, width: 160, height: 48)
        press(&state, .down, .down)
        let selected = state.selected
        state.filter = "e"
        // Fixture 7 is in ALARM (worst): it goes to the top; fixture 1 (OK) goes below the troubled ones.
        state.apply(FleetSetChange(added: [.init(id: 6, state: Self.fleet(7, name: "green-api"), account: "prod"),
                                           .init(id: 7, state: Self.fleet(1, name: "blue-web"))]))
        #expect(state.fleets.count == 8)
        #expect(state.ids == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(state.accounts[6] == "prod")
        #expect(state.selected == selected)
        #expect(state.filter == "e")
        #expect(state.rows.contains(6) && state.rows.contains(7))
        state.filter = ""
        #expect(state.rows.firstIndex(of: 6)! < state.rows.firstIndex(of: 7)!)
        #expect(state.dashboard.notice == "discover: new fleets green-api, blue-web")
        #expect(state.view().text.contains("green-api"))
        // An id already shown is not added twice.
        state.apply(FleetSetChange(added: [.init(id: 6, state: Self.fleet(7, name: "green-api"))]))
        #expect(state.fleets.count == 8)
    }

    @Test func removingAFleetKeepsTheSelectedFleetAndMovesStatesByID() {
        var state = OverviewFixtures.overview(count: 6, width: 160, height: 48)
        state.selected = 4
        let name4 = state.fleets[4].fleet.name
        state.apply(FleetSetChange(removed: [1]))
        #expect(state.fleets.count == 5)
        #expect(state.ids == [0, 2, 3, 4, 5])
        #expect(state.fleets[state.selected!].fleet.name == name4)
        #expect(state.dashboard.notice == "discover: billing-api no longer found, removed")
        // A state of the removed fleet (still in the mailbox) is dropped; fleet 5's goes to its row.
        var five = state.fleets[4]
        five.time = five.time.addingTimeInterval(60)
        #expect(state.receive(OverviewFixtures.fleet(1), fleetID: 1).isEmpty)
        state.receive(five, fleetID: 5)
        #expect(state.fleets[state.index(ofFleet: 5)!].time == five.time)
        #expect(!state.summaries.map(\.name).contains("billing-api"))
    }

    @Test func removingTheSelectedFleetSelectsTheNextRow() {
        var state = OverviewFixtures.overview(count: 6, width: 160, height: 48)
        let rows = state.rows
        state.selected = rows[2]
        let next = state.fleets[rows[3]].fleet.name
        state.apply(FleetSetChange(removed: [state.ids[rows[2]]]))
        #expect(state.fleets[state.selected!].fleet.name == next)
        // The last row removed: the one above it.
        let last = state.rows.last!, above = state.fleets[state.rows[state.rows.count - 2]].fleet.name
        state.selected = last
        state.apply(FleetSetChange(removed: [state.ids[last]]))
        #expect(state.fleets[state.selected!].fleet.name == above)
    }

    @Test func removingTheOpenedFleetComesBackToTheOverviewWithANotice() {
        var state = OverviewFixtures.overview(count: 4, width: 160, height: 48)
        state.open(2)
        state.apply(FleetSetChange(removed: [3]))
        // Another fleet removed: the opened one stays open (its index moved up with the rows).
        #expect(state.opened == 2 && state.fleets[2].fleet.name == "search-frontend")
        state.apply(FleetSetChange(removed: [2]))
        #expect(state.opened == nil && state.keyMode == .overview)
        #expect(state.dashboard.notice == "discover: search-frontend no longer found, removed; back to the overview")
        #expect(state.view().text.contains("no longer found, removed; back to the overview"))
    }

    @Test func rendersAFleetFoundAndOneGoneAt80x24() throws {
        var state = OverviewFixtures.overview(count: 4, width: 80, height: 24)
        press(&state, .down)
        state.apply(FleetSetChange(added: [.init(id: 4, state: Self.fleet(7, name: "green-api"), account: "prod")], removed: [1]))
        try expectFrame(state.view(), named: "overview-discover-80x24")
    }

    @Test func everyFleetRemovedLeavesAnEmptyOverviewThatSaysWhy() {
        var state = OverviewFixtures.overview(count: 2, width: 80, height: 24)
        state.apply(FleetSetChange(removed: [0, 1]))
        #expect(state.fleets.isEmpty && state.rows.isEmpty && state.selected == nil)
        let text = state.view().text
        #expect(text.contains("0 fleets"))
        #expect(text.contains("no fleet: discover: found none (it looks again on its schedule)"))
        press(&state, .down, .enter, .char("G"))
        #expect(state.opened == nil)
        // A fleet found later: the overview fills again.
        state.apply(FleetSetChange(added: [.init(id: 2, state: Self.fleet(1, name: "green-api"))]))
        #expect(state.rows == [0])
    }

    @Test func alarmBaselinesStayWithTheirFleets() {
        var state = OverviewFixtures.overview(count: 4, width: 160, height: 48)
        // Fleet 0 is in ALARM from the start (baseline); fleet 1 is OK.
        state.apply(FleetSetChange(removed: [0]))
        var one = state.fleets[state.index(ofFleet: 1)!]
        one.alarms[0].state = .alarm
        #expect(state.receive(one, fleetID: 1) == [.alarmRaised(fleet: "billing-api", alarm: "erato-health-check-failures")])
        // A fleet added in ALARM: its first state is the baseline, nothing rings; its next ALARM-to-ALARM neither.
        let firing = Self.fleet(7, name: "green-api")
        state.apply(FleetSetChange(added: [.init(id: 9, state: firing)]))
        #expect(state.receive(firing, fleetID: 9).isEmpty)
        // An added fleet whose first state has no alarms yet (a poller's initial state): ALARM then is a baseline too.
        var empty = Self.fleet(1, name: "blue-web")
        empty.alarms = []
        state.apply(FleetSetChange(added: [.init(id: 10, state: empty)]))
        #expect(state.receive(firing, fleetID: 10).isEmpty)
    }

    @Test func anUpdatedFleetKeepsItsRowAndAFailedRunKeepsEveryFleet() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        state.open(1)
        var info = state.fleets[1].fleet
        info.loadBalancer = "billing-green-alb"
        state.apply(FleetSetChange(updated: [.init(id: 1, fleet: info, what: "load balancer billing-green-alb")]))
        #expect(state.opened == 1)
        #expect(state.dashboard.fleet.fleet.loadBalancer == "billing-green-alb")
        #expect(state.fleets[1].fleet.loadBalancer == "billing-green-alb")
        #expect(state.dashboard.notice == "discover: billing-api now has load balancer billing-green-alb")
        state.apply(FleetSetChange(problem: "autoscaling: DescribeAutoScalingGroups throttled by AWS 1 times in a row"))
        #expect(state.fleets.count == 3)
        #expect(state.dashboard.notice
            == "discover: autoscaling: DescribeAutoScalingGroups throttled by AWS 1 times in a row (keeping 3 fleets; trying again later)")
    }
}
