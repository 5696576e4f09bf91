import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

/// The overview drawn from its last frame (``OverviewState/view(reusing:)``, what the loop draws):
/// after any sequence of changes, the frame is the one drawn from nothing (``OverviewState/view()``),
/// and lines whose content did not change are kept, not drawn again.
@Suite("Overview frames drawn from the last one")
struct OverviewFrameTests {
    /// Fleet `index`'s state changed the way polls change it: a new minute, a host's health, an
    /// alarm, a source gone stale, or only the clock.
    func changed(_ state: OverviewState, _ index: Int, _ random: inout SplitMix64) -> FleetState {
        var fleet = state.fleets[index]
        fleet.time = fleet.time.addingTimeInterval(Double(1 + random.int(below: 5)))
        switch random.int(below: 5) {
        case 0:
            let newest = fleet.series.values.compactMap { $0.latest?.time }.max() ?? fleet.time
            let t = newest.addingTimeInterval(60)
            fleet.apply(FleetUpdate(time: t, metrics: fleet.series.values.map {
                FleetUpdate.Batch(key: $0.key, unit: $0.unit, points: [Datapoint(time: t, value: Double(random.int(below: 3000)))])
            }))
        case 1:
            if !fleet.instances.isEmpty {
                let i = random.int(below: fleet.instances.count)
                fleet.instances[i].health = fleet.instances[i].health == .healthy ? .unhealthy : .healthy
            }
        case 2:
            if !fleet.alarms.isEmpty {
                fleet.alarms[0].state = fleet.alarms[0].state == .alarm ? .ok : .alarm
                fleet.alarms[0].since = fleet.time
            }
        case 3:
            fleet.sources[0].health = fleet.sources[0].health == .ok ? .stale : .ok
        default:
            fleet.sources[0].lastSuccess = fleet.time
        }
        return fleet
    }

    @Test("a frame drawn from the last one is the frame drawn whole, over random changes", arguments: [1, 2, 3, 4])
    func damageEqualsWhole(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        var frame: OverviewFrame?
        #expect(state.view(reusing: &frame) == state.view())
        for step in 0..<150 {
            switch random.int(below: 12) {
            case 0...4:
                for _ in 0..<(1 + random.int(below: 8)) {
                    let i = random.int(below: state.fleets.count)
                    state.receive(changed(state, i, &random), at: i)
                }
            case 5:
                state.update(.tick(now: state.now.addingTimeInterval(Double(1 + random.int(below: 90)))))
            case 6:
                state.update(.key([Key.up, .down, .pageDown, .pageUp, .home, .end][random.int(below: 6)]))
            case 7:
                state.filter = ["", "", "eu", "erato", "/^b.*/", "nothing-matches"][random.int(below: 6)]
            case 8:
                if random.int(below: 4) == 0 {
                    state.dashboard.themeIndex = random.int(below: state.dashboard.themes.count)
                } else if random.int(below: 3) == 0 {
                    state.dashboard.glyphs = state.dashboard.glyphs == .ascii ? .braille : .ascii
                } else {
                    state.dashboard.post("notice \(step)")
                }
            case 9:
                let sizes = [(160, 48), (80, 24), (120, 30), (160, 48)]
                let (w, h) = sizes[random.int(below: sizes.count)]
                state.update(.resize(width: w, height: h))
            case 10:
                state.dashboard.showHelp.toggle()
            default:
                if state.opened == nil, random.int(below: 3) == 0 { state.open(random.int(below: state.fleets.count)) } else { state.close() }
            }
            let drawn = state.view(reusing: &frame)
            let whole = state.view()
            #expect(drawn == whole, "step \(step)")
            if drawn != whole { return }
        }
    }

    @Test func unchangedLinesAreKeptAndChangedOnesDrawn() {
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        var frame: OverviewFrame?
        _ = state.view(reusing: &frame)
        // Mark the fifth row's line in the kept frame: kept while nothing it shows changes.
        let line = 2 + 4
        frame!.canvas.put("#", x: 1, y: line, style: .plain)
        let index = state.rows[4]
        var fleet = state.fleets[index]
        fleet.time = fleet.time.addingTimeInterval(1)
        fleet.sources[0].lastSuccess = fleet.time
        state.receive(fleet, at: index)
        state.update(.tick(now: state.now.addingTimeInterval(1)))
        #expect(state.view(reusing: &frame)[1, line].char == "#")
        // The row's data age moves to the next minute: the line is drawn again.
        state.update(.tick(now: state.now.addingTimeInterval(60)))
        let later = state.view(reusing: &frame)
        #expect(later[1, line].char != "#")
        #expect(later == state.view())
    }

    @Test func theRowOrderIsSortedAgainOnlyWhenItMayHaveChanged() {
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        let order = state.rowOrder(reusing: nil)
        #expect(order.rows == state.rows)
        var kept = order
        kept.rows = Array(kept.rows.reversed())  // a marker: reused as it is
        #expect(state.rowOrder(reusing: kept).rows == kept.rows)
        var fleet = state.fleets[3]
        fleet.instances = fleet.instances.map { var i = $0; i.health = .unhealthy; return i }
        state.receive(fleet, at: 3)
        #expect(state.rowOrder(reusing: kept).rows == state.rows)
        state.filter = "eu"
        #expect(state.rowOrder(reusing: order).rows == state.rows)
    }
}
