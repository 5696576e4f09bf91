import FleetCore
import FleetDashboard
import Foundation
import Testing

@Suite("Overview of several fleets")
struct OverviewTests {
    func press(_ state: inout OverviewState, _ keys: Key...) {
        for key in keys { state.update(.key(key)) }
    }

    func type(_ state: inout OverviewState, _ text: String) {
        for c in text { state.update(.key(.char(c))) }
    }

    func names(_ state: OverviewState) -> [String] {
        state.rows.map { state.summaries[$0].name }
    }

    @Test func rendersThreeFleetsAt160x48() throws {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        press(&state, .down)
        try expectFrame(state.view(), named: "overview-3-160x48")
    }

    @Test func rendersFortyFleetsFilteredAt160x48() throws {
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        press(&state, .char("/"))
        type(&state, "us-")
        try expectFrame(state.view(), named: "overview-40-filter-160x48")
    }

    @Test func rendersThreeFleetsAt80x24() throws {
        let state = OverviewFixtures.overview(count: 3, width: 80, height: 24)
        try expectFrame(state.view(), named: "overview-3-80x24")
    }

    @Test func rendersFortyFleetsScrolledAt80x24() throws {
        var state = OverviewFixtures.overview(count: 40, width: 80, height: 24)
        press(&state, .pageDown, .down)
        try expectFrame(state.view(), named: "overview-40-80x24")
    }

    @Test func worstFirst() {
        let state = OverviewFixtures.overview(count: 12, width: 160, height: 48)
        let rows = state.rows.map { state.summaries[$0] }
        // ALARM (fleets 0 and 7), then unhealthy hosts (2), then stale (5), then by name.
        #expect(rows.prefix(2).allSatisfy { $0.worstAlarm == .alarm })
        #expect(rows[2].worstAlarm == .ok && rows[2].unhealthy > 0)
        #expect(rows[3].unhealthy == 0 && rows[3].isStale)
        let rest = rows.dropFirst(4).map(\.name)
        #expect(rest == rest.sorted())
        #expect(rows.contains { $0.alarmJustRaised } && rows.filter(\.alarmJustRaised).allSatisfy { $0.worstAlarm == .alarm })
    }

    @Test func filterBySubstringAndRegex() {
        var state = OverviewFixtures.overview(count: 12, width: 160, height: 48)
        press(&state, .char("/"))
        type(&state, "EU-west")
        #expect(state.rows.allSatisfy { state.summaries[$0].region == "eu-west-1" } && !state.rows.isEmpty)
        press(&state, .enter)
        #expect(state.prompt == nil && state.filter == "EU-west")
        // Esc at the prompt gives the filter back as it was.
        press(&state, .char("/"), .backspace)
        type(&state, "x")
        press(&state, .escape)
        #expect(state.filter == "EU-west")
        // A regular expression between slashes.
        press(&state, .char("/"))
        for _ in 0..<7 { press(&state, .backspace) }
        type(&state, "/^(checkout|ledger)$/")
        press(&state, .enter)
        #expect(names(state).sorted() == ["checkout", "ledger"])
        // An invalid one matches nothing, and the table says why.
        press(&state, .char("/"))
        type(&state, "(")
        #expect(state.filter.hasSuffix("/(") && state.rows.isEmpty)
        press(&state, .enter, .char("/"))
        for _ in 0..<30 { press(&state, .backspace) }
        type(&state, "/(/")
        press(&state, .enter)
        #expect(state.rows.isEmpty)
        #expect(state.view().text.contains("/(/: not a regular expression"))
    }

    @Test func jumpCompletesAndSelects() {
        var state = OverviewFixtures.overview(count: 12, width: 160, height: 48)
        press(&state, .char(":"))
        type(&state, "bi")
        press(&state, .tab)
        // billing-api and billing-api-2 share "billing-api": completed that far, both listed.
        #expect(state.promptText == "billing-api")
        #expect(state.prompt == .jump(candidates: ["billing-api", "billing-api-2"]))
        type(&state, "-")
        press(&state, .tab)
        #expect(state.promptText == "billing-api-2")
        press(&state, .enter)
        #expect(state.prompt == nil)
        #expect(state.selected.map { state.summaries[$0].name } == "billing-api-2")
        // A jump to a fleet the filter hides clears the filter.
        press(&state, .char("/"))
        type(&state, "ledger")
        press(&state, .enter, .char(":"))
        type(&state, "checkout")
        press(&state, .enter)
        #expect(state.filter == "")
        #expect(state.selected.map { state.summaries[$0].name } == "checkout")
        // No match: a notice, the selection stays.
        press(&state, .char(":"))
        type(&state, "nope")
        press(&state, .enter)
        #expect(state.dashboard.notice == "no fleet matches 'nope'")
        #expect(state.selected.map { state.summaries[$0].name } == "checkout")
    }

    @Test func selectionMoves() {
        var state = OverviewFixtures.overview(count: 40, width: 80, height: 24)
        let rows = state.rows
        #expect(state.selectedRow(in: rows) == 0)
        press(&state, .down, .down, .up)
        #expect(state.selected == rows[1])
        press(&state, .pageDown)
        #expect(state.selected == rows[1 + state.visibleRows])
        press(&state, .end)
        #expect(state.selected == rows.last)
        press(&state, .down)
        #expect(state.selected == rows.last)
        press(&state, .home, .up)
        #expect(state.selected == rows[0])
    }

    @Test func enterOpensTheFleetsDashboardAndEscComesBack() {
        var state = OverviewFixtures.overview(count: 12, width: 160, height: 48)
        press(&state, .down)
        let chosen = state.rows[1]
        press(&state, .enter)
        #expect(state.opened == chosen)
        // The opened screen IS the single-fleet dashboard on that fleet's state.
        let single = DashboardState(fleet: state.fleets[chosen], now: Fixtures.end, width: 160, height: 48)
        #expect(state.view() == single.view())
        #expect(state.keyMode == .live)
        // A new state of the opened fleet reaches its dashboard; another fleet's only its row.
        var next = state.fleets[chosen]
        next.time = Fixtures.end.addingTimeInterval(60)
        state.receive(next, at: chosen)
        #expect(state.dashboard.fleet.time == next.time)
        state.receive(state.fleets[0], at: 0)
        #expect(state.dashboard.fleet.fleet.name == state.fleets[chosen].fleet.name)
        // Esc leaves full screen first, then comes back to the overview.
        press(&state, .enter)
        #expect(state.dashboard.zoomed)
        press(&state, .escape)
        #expect(state.opened == chosen && !state.dashboard.zoomed)
        press(&state, .escape)
        #expect(state.opened == nil && state.keyMode == .overview)
        #expect(state.selected == chosen)
    }

    @Test func openingAFleetGivesItsOwnScalingPolicies() {
        var state = OverviewFixtures.overview(count: 4, width: 160, height: 48)
        let own = ScalingViewTests.settings()
        var shared = own
        shared.origin = "shared.tf"
        shared.policies.removeLast()
        state.defaultScaling = shared
        state.fleetScaling[state.fleets[2].fleet.name] = own
        state.open(2)
        #expect(state.dashboard.scaling == own)
        state.close()
        state.open(1)
        #expect(state.dashboard.scaling == shared)
        // No default: a fleet without its own has none, not the policies of the last one opened.
        state.defaultScaling = nil
        state.close()
        state.open(2)
        state.close()
        state.open(3)
        #expect(state.dashboard.scaling == nil)
    }

    @Test func quitFromTheOverviewButNotFromThePrompt() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        press(&state, .char("/"))
        #expect(state.update(.key(.char("q"))).isEmpty)
        #expect(state.filter == "q")
        #expect(state.update(.key(.ctrl("c"))) == [.quit])
        press(&state, .escape)
        #expect(state.update(.key(.char("q"))) == [.quit])
    }

    @Test func alarmRaisedOncePerTransition() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        // Fleet 1 starts OK (fixture); it goes to ALARM: one effect.
        var fleet = state.fleets[1]
        func set(_ s: AlarmState) {
            fleet.alarms[0].state = s
            fleet.time = fleet.time.addingTimeInterval(60)
        }
        set(.alarm)
        #expect(state.receive(fleet, at: 1) == [.alarmRaised(fleet: "billing-api", alarm: "erato-health-check-failures")])
        // Still in ALARM: nothing more.
        set(.alarm)
        #expect(state.receive(fleet, at: 1).isEmpty)
        // Back to OK, then ALARM again: one more.
        set(.ok)
        #expect(state.receive(fleet, at: 1).isEmpty)
        set(.alarm)
        #expect(state.receive(fleet, at: 1).count == 1)
        // Fleet 0 was already in ALARM at the start: its baseline, no effect.
        #expect(state.receive(state.fleets[0], at: 0).isEmpty)
        // An alarm first seen in ALARM is a baseline too.
        var fresh = state.fleets[2]
        fresh.alarms = []
        state.receive(fresh, at: 2)
        fresh.alarms = state.fleets[0].alarms
        #expect(state.receive(fresh, at: 2).isEmpty)
    }

    @Test("a state that moved only its clock and sources keeps the row's numbers and moves its clock and age")
    func clockOnlyStateRefreshesTheRow() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        let before = state.summaries[1]
        var fleet = state.fleets[1]
        fleet.time = fleet.time.addingTimeInterval(1)
        fleet.sources[0].lastSuccess = fleet.time
        #expect(state.receive(fleet, at: 1).isEmpty)
        #expect(state.summaries[1].time == fleet.time && state.summaries[1].sources == fleet.sources)
        #expect(state.summaries[1].cpuSpark == before.cpuSpark && state.summaries[1].zones == before.zones)
        // The same row as FleetSummary makes from the previous one when no series changed.
        #expect(state.summaries[1] == FleetSummary(fleet, account: state.accounts[1], previous: before))
    }

    @Test func helpListsTheOverviewKeys() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        press(&state, .char("?"))
        let text = state.view().text
        #expect(text.contains("filter the fleets"))
        #expect(text.contains("complete the fleet's name"))
        press(&state, .char("x"))
        #expect(!state.dashboard.showHelp)
    }

    @Test func dataFromFleetsIsDrawnSafe() {
        var fleet = OverviewFixtures.fleet(1)
        fleet.fleet.name = "evil\u{1B}[2Jname"
        let dashboard = DashboardState(fleet: fleet, now: Fixtures.end, width: 160, height: 10)
        let state = OverviewState(fleets: [fleet, OverviewFixtures.fleet(2)], accounts: ["a\u{7}b"], dashboard: dashboard)
        let text = state.view().text
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func summaryReusesMetricsOnlyWhileNoSeriesChanged() {
        var state = OverviewFixtures.fleet(1)
        let first = FleetSummary(state)
        // Health and alarms change, no datapoint: the row follows them, its metrics stay.
        state.instances[0].health = .unhealthy
        state.alarms[0].state = .alarm
        let second = FleetSummary(state, previous: first)
        #expect(second.unhealthy == 1 && second.worstAlarm == .alarm)
        #expect(second.cpuSpark == first.cpuSpark && second.cpu == first.cpu)
        // A new minute of CPU: the metrics are made again.
        let cpuKey = PanelMetric.cpu.key(fleet: state.fleet)
        state.apply(FleetUpdate(time: Fixtures.end.addingTimeInterval(60), metrics: [
            FleetUpdate.Batch(key: cpuKey, unit: "Percent", points: [Datapoint(time: Fixtures.end, value: 99)]),
        ]))
        let third = FleetSummary(state, previous: second)
        #expect(third.cpu == 99 && third.cpuSpark.last == 99)
        #expect(third == FleetSummary(state))
    }
}
