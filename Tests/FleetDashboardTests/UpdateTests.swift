import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("DashboardState.update")
struct UpdateTests {
    func state() -> DashboardState { Fixtures.dashboard(width: 160, height: 48) }

    @Test("q, Q and Ctrl-C quit, also from help and when too small")
    func quit() {
        for key in [Key.char("q"), .char("Q"), .ctrl("c")] {
            var s = state()
            #expect(s.update(.key(key)) == [.quit])
        }
        var help = state()
        help.update(.key(.char("?")))
        #expect(help.update(.key(.char("q"))) == [.quit])
        var small = state()
        small.update(.resize(width: 20, height: 5))
        #expect(small.update(.key(.char("q"))) == [.quit])
    }

    @Test("+ and - step through the windows and stop at the ends")
    func zoom() {
        var s = state()
        #expect(s.windowSeconds == 3600)
        s.update(.key(.char("+")))
        #expect(s.windowSeconds == 1800)
        for _ in 0..<10 { s.update(.key(.char("+"))) }
        #expect(s.windowSeconds == 900)
        for _ in 0..<10 { s.update(.key(.char("-"))) }
        #expect(s.windowSeconds == 86400)
    }

    @Test("Tab cycles focus; arrows move in the grid; Enter zooms and back")
    func focus() {
        var s = state()
        let expected: [PanelID] = [.requests, .unhealthy, .instances, .cpu]
        for p in expected {
            s.update(.key(.tab))
            #expect(s.focus == p)
        }
        s.update(.key(.right))
        #expect(s.focus == .requests)
        s.update(.key(.down))
        #expect(s.focus == .instances)
        s.update(.key(.left))
        #expect(s.focus == .unhealthy)
        s.update(.key(.up))
        #expect(s.focus == .cpu)
        s.update(.key(.backTab))
        #expect(s.focus == .instances)
        s.update(.key(.backTab))
        #expect(s.focus == .unhealthy)
        s.update(.key(.enter))
        #expect(s.zoomed)
        s.update(.key(.enter))
        #expect(!s.zoomed)
    }

    @Test("pause freezes the fleet; resume shows the newest")
    func pause() {
        var s = state()
        var newer = s.fleet
        newer.time = newer.time.addingTimeInterval(60)
        s.update(.key(.char("p")))
        s.update(.fleet(newer))
        #expect(s.fleet.time == Fixtures.end)
        #expect(s.view().text.contains("PAUSED"))
        s.update(.key(.char(" ")))
        #expect(s.fleet.time == newer.time)
        #expect(!s.paused)
    }

    @Test("t cycles themes and g cycles glyph sets, wrapping around")
    func cycles() {
        var s = state()
        let names = s.themes.map(\.name)
        #expect(names == ["default", "light", "high-contrast", "monochrome"])
        for i in 1...4 {
            s.update(.key(.char("t")))
            #expect(s.theme.name == names[i % 4])
        }
        #expect(s.glyphs == .braille)
        s.update(.key(.char("g")))
        #expect(s.glyphs == .block)
        s.update(.key(.char("g")))
        #expect(s.glyphs == .ascii)
        s.update(.key(.char("g")))
        #expect(s.glyphs == .braille)
    }

    @Test("help opens with ? and any key closes it")
    func help() {
        var s = state()
        s.update(.key(.char("?")))
        #expect(s.showHelp)
        #expect(s.update(.key(.char("x"))).isEmpty)
        #expect(!s.showHelp)
    }

    @Test("resize redraws at the new size; too small shows the message")
    func resize() {
        var s = state()
        s.update(.resize(width: 60, height: 15))
        #expect(s.isTooSmall)
        #expect(s.view().width == 60)
        s.update(.resize(width: 100, height: 30))
        #expect(!s.isTooSmall)
        #expect(s.view().text.contains("CPU"))
    }

    @Test("old data: the window ends at the newest datapoint")
    func oldData() {
        var s = state()
        s.fleet.time = Fixtures.end.addingTimeInterval(7 * 86400)
        #expect(s.windowEnd == Fixtures.end)
        #expect(s.view().text.contains("data 7d old"))
    }
}
