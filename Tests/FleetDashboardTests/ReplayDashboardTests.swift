import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("Replay in the dashboard")
struct ReplayDashboardTests {
    func replaying() -> DashboardState {
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.replay = ReplayStatus(elapsed: 2530, duration: 7200, speed: 20, paused: false)
        return s
    }

    @Test("replay keys become commands; space pauses the replay clock, not the screen")
    func keysToCommands() {
        var s = replaying()
        for key in [Key.char(" "), .char("]"), .char("["), .left, .right, .home, .end, .char("p")] {
            s.update(.key(key))
        }
        #expect(s.pendingCommands == [.togglePause, .faster, .slower, .stepBackward, .stepForward, .toStart, .toEnd,
                                      .togglePause])
        #expect(!s.paused)  // the screen is not frozen: new fleet states still show
        let fresh = Fixtures.outageState(minutes: 30)
        s.update(.fleet(fresh))
        #expect(s.fleet == fresh)
        #expect(s.takeCommands().count == 8)
        #expect(s.pendingCommands.isEmpty)
    }

    @Test("Tab still moves focus; ←/→ seek instead of moving it; ↑/↓ still move it")
    func focus() {
        var s = replaying()
        s.update(.key(.tab))
        #expect(s.focus == .requests)
        s.update(.key(.left))
        #expect(s.focus == .requests)
        s.update(.key(.down))
        #expect(s.focus == .instances)
    }

    @Test("without a replay, the keys do what they always did")
    func liveUnchanged() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.update(.key(.char(" ")))
        s.update(.key(.char("]")))
        s.update(.key(.right))
        #expect(s.paused && s.pendingCommands.isEmpty && s.focus == .requests)
    }

    @Test("the header shows replay time, length and speed, and PAUSED")
    func header() {
        var s = replaying()
        var top = s.view().text.components(separatedBy: "\n")[0]
        #expect(top.contains("replay 00:42:10 / 02:00:00 ×20"))
        s.update(.key(.char(" ")))
        top = s.view().text.components(separatedBy: "\n")[0]
        #expect(top.contains("PAUSED  replay 00:42:10"))
        s.replay = ReplayStatus(elapsed: 7200, duration: 7200, speed: 600, paused: false)
        s.width = 130
        top = s.view().text.components(separatedBy: "\n")[0]
        #expect(top.contains("replay 02:00:00 / 02:00:00 ×600 END"))
    }
}
