import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("Whole-frame render snapshots")
struct RenderTests {
    @Test("160×48 dashboard", arguments: GlyphSet.allCases)
    func large(glyphs: GlyphSet) throws {
        var state = Fixtures.dashboard(width: 160, height: 48)
        state.glyphs = glyphs
        try expectFrame(state.view(), named: "dashboard-160x48-\(glyphs.rawValue)")
    }

    @Test("80×24 dashboard")
    func small() throws {
        try expectFrame(Fixtures.dashboard(width: 80, height: 24).view(), named: "dashboard-80x24")
    }

    @Test("too small to draw")
    func tooSmall() throws {
        let canvas = Fixtures.dashboard(width: 60, height: 15).view()
        try expectFrame(canvas, named: "too-small-60x15")
        #expect(canvas.text.contains("enlarge to 64×18"))
    }

    @Test("help overlay")
    func help() throws {
        var state = Fixtures.dashboard(width: 100, height: 30)
        state.update(.key(.char("?")))
        try expectFrame(state.view(), named: "help-100x30")
    }

    @Test("zoomed panel and stacked requests")
    func zoomedStacked() throws {
        var state = Fixtures.dashboard(width: 120, height: 30)
        state.update(.key(.tab))
        state.update(.key(.enter))
        state.update(.key(.char("s")))
        try expectFrame(state.view(), named: "requests-zoomed-stacked-120x30")
    }

    @Test("the same state always draws the same frame")
    func deterministic() {
        let state = Fixtures.dashboard(width: 160, height: 48)
        #expect(state.view() == state.view())
    }

    @Test("the four panels and the header are on screen")
    func panelsPresent() {
        let text = Fixtures.dashboard(width: 160, height: 48).view().text
        for needle in ["CPU", "ALB requests", "Unhealthy hosts", "Instances by AZ", "erato-backend · us-east-1",
                       "us-east-1a", "us-east-1b", "us-east-1c", "ALARM", "erato-health-check-failures", "window 1h",
                       "target 70%", "q quit"] {
            #expect(text.contains(needle), "missing \(needle)")
        }
    }

    @Test("unhealthy instances are listed first in their zone")
    func unhealthyFirst() {
        var state = Fixtures.dashboard(width: 160, height: 48)
        state.fleet.instances[3].health = .healthy  // one 1b instance recovers
        let zone = state.fleet.instances(inZone: "us-east-1b")
        #expect(zone.map(\.health) == [.unhealthy, .unhealthy, .healthy])
    }

    @Test("data never writes control characters to the screen")
    func controlCharactersStripped() {
        var state = Fixtures.dashboard(width: 160, height: 48)
        state.fleet.instances[0].id = "i-\u{1B}[2Jevil\u{07}"
        let cells = state.view().cells
        #expect(!cells.contains { $0.char.value < 0x20 || $0.char.value == 0x7F })
        #expect(state.view().text.contains("i-[2Jevil"))
    }
}
