import FleetCore
import FleetDashboard
import Foundation
import Testing

/// The overview of a recording of several fleets: the replay status in its header, the replay clock's
/// keys from the overview (the loop moves every fleet; here, the effects they ask for).
@Suite("Overview of a recording of several fleets")
struct OverviewReplayTests {
    func replaying(count: Int, width: Int, height: Int, paused: Bool = false) -> OverviewState {
        var state = OverviewFixtures.overview(count: count, width: width, height: height)
        state.dashboard.replay = ReplayStatus(elapsed: 1234, duration: 3600, speed: 60, paused: paused)
        return state
    }

    @Test func rendersFortyFleetsReplayingAt160x48() throws {
        var state = replaying(count: 40, width: 160, height: 48)
        state.update(.key(.down))
        try expectFrame(state.view(), named: "overview-replay-40-160x48")
    }

    @Test func rendersThreeFleetsReplayingPausedAt80x24() throws {
        let state = replaying(count: 3, width: 80, height: 24, paused: true)
        try expectFrame(state.view(), named: "overview-replay-3-80x24")
    }

    @Test("replaying, the clock's keys the overview does not bind ask for replay commands")
    func replayKeys() {
        var state = replaying(count: 3, width: 160, height: 48)
        #expect(state.update(.key(.char(" "))) == [.replay(.togglePause)])
        #expect(state.dashboard.replay?.paused == true)  // shown at once; the loop confirms
        #expect(state.update(.key(.char("]"))) == [.replay(.faster)])
        #expect(state.update(.key(.char("["))) == [.replay(.slower)])
        #expect(state.update(.key(.right)) == [.replay(.stepForward)])
        #expect(state.update(.key(.left)) == [.replay(.stepBackward)])
        // Home/End stay the overview's: first and last fleet.
        #expect(state.update(.key(.end)).isEmpty)
        #expect(state.selected == state.rows.last)
        // The filter prompt types them.
        state.update(.key(.char("/")))
        #expect(state.update(.key(.char("]"))).isEmpty && state.promptText == "]")
    }

    @Test("live, the same keys do nothing in the overview")
    func liveIgnoresReplayKeys() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        for key in [Key.char(" "), .char("]"), .right, .left] {
            #expect(state.update(.key(key)).isEmpty)
        }
        #expect(!state.view().lines[47].contains("speed"))
    }

    @Test("an opened fleet of the recording takes the replay keys too, and Esc comes back")
    func openedFleet() {
        var state = replaying(count: 3, width: 160, height: 48)
        state.update(.key(.enter))
        #expect(state.opened != nil && state.keyMode == .replay)
        #expect(state.update(.key(.right)) == [.replay(.stepForward)])
        #expect(state.update(.key(.home)) == [.replay(.toStart)])
        state.update(.key(.escape))
        #expect(state.opened == nil)
    }

    @Test("help over the overview of a recording lists the replay clock's keys, not Home/End")
    func help() {
        var state = replaying(count: 3, width: 160, height: 48)
        state.update(.key(.char("?")))
        let text = state.view().text
        #expect(text.contains("replay faster") && text.contains("seek forward"))
        #expect(!text.contains("start of the recording"))
    }
}
