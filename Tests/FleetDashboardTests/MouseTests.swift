import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("Mouse")
struct MouseTests {
    let layout = ScreenLayout(width: 160, height: 48)

    func inside(_ panel: PanelID, zoomed: Bool = false) -> (x: Int, y: Int) {
        let area = layout.panels(zoomed: zoomed ? panel : nil).first { $0.panel == panel }!.area
        return (area.x + area.width / 2, area.y + area.height / 2)
    }

    @Test("a click focuses the panel under it; the hit areas are the view's")
    func clickFocuses() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        for panel in [PanelID.instances, .requests, .unhealthy, .cpu] {
            let p = inside(panel)
            #expect(s.update(.mouse(MouseEvent(.click, x: p.x, y: p.y))).isEmpty)
            #expect(s.focus == panel)
        }
        // The view draws the focused panel's border in the focus colour where the layout says.
        s.update(.mouse(MouseEvent(.click, x: inside(.instances).x, y: inside(.instances).y)))
        let area = layout.panels(zoomed: nil)[3].area
        #expect(s.view()[area.x, area.y].style == s.theme.style(.focusBorder))
    }

    @Test("a double click toggles full screen, and back")
    func doubleClick() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        let p = inside(.unhealthy)
        s.update(.mouse(MouseEvent(.doubleClick, x: p.x, y: p.y)))
        #expect(s.zoomed && s.focus == .unhealthy)
        s.update(.mouse(MouseEvent(.doubleClick, x: 3, y: 10)))
        #expect(!s.zoomed && s.focus == .unhealthy)
    }

    @Test("the wheel over a chart zooms the time window; over the instances it does nothing")
    func wheel() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        let cpu = inside(.cpu), instances = inside(.instances)
        s.update(.mouse(MouseEvent(.wheelUp, x: cpu.x, y: cpu.y)))
        #expect(s.windowSeconds == 1800)
        s.update(.mouse(MouseEvent(.wheelDown, x: cpu.x, y: cpu.y)))
        s.update(.mouse(MouseEvent(.wheelDown, x: cpu.x, y: cpu.y)))
        #expect(s.windowSeconds == 3 * 3600)
        s.update(.mouse(MouseEvent(.wheelUp, x: instances.x, y: instances.y)))
        #expect(s.windowSeconds == 3 * 3600)
    }

    @Test("a click on the header's replay position seeks to the same fraction of the recording")
    func seek() throws {
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.replay = ReplayStatus(elapsed: 2530, duration: 7200, speed: 20, paused: false)
        let span = try #require(s.headerBar.replaySpan(in: layout.header))
        let top = s.view().text.components(separatedBy: "\n")[0]
        let column = top.distance(from: top.startIndex, to: try #require(top.range(of: "replay 00:42:10")).lowerBound)
        #expect(span.lowerBound == column && span.count == "replay 00:42:10 / 02:00:00 ×20".count)
        #expect(s.update(.mouse(MouseEvent(.click, x: span.lowerBound, y: 0))) == [.replay(.seek(fraction: 0))])
        #expect(s.update(.mouse(MouseEvent(.click, x: span.upperBound - 1, y: 0))) == [.replay(.seek(fraction: 1))])
        #expect(s.update(.mouse(MouseEvent(.click, x: 2, y: 0))).isEmpty)
        s.replay = nil
        #expect(s.update(.mouse(MouseEvent(.click, x: span.lowerBound, y: 0))).isEmpty)
    }

    @Test("help closes on a click; the preview and a too-small screen ignore the mouse")
    func elsewhere() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.update(.key(.char("?")))
        let p = inside(.requests)
        s.update(.mouse(MouseEvent(.click, x: p.x, y: p.y)))
        #expect(!s.showHelp && s.focus == .cpu)
        s.update(.resize(width: 40, height: 10))
        s.update(.mouse(MouseEvent(.click, x: 30, y: 5)))
        #expect(s.focus == .cpu)
    }
}
