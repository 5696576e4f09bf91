import FleetCore
import FleetDashboard
import Foundation
import Testing

/// The mouse on the overview (with `--mouse`): rows under a click, the wheel, the replay position.
@Suite("Overview and the mouse")
struct OverviewMouseTests {
    /// The screen line on which fleet `index`'s name is drawn.
    func line(of index: Int, in state: OverviewState) throws -> Int {
        let name = state.summaries[index].name
        let lines = state.view().lines
        return try #require(lines.firstIndex { $0.contains(" \(name) ") })
    }

    @Test("a click selects the fleet under it; a double click opens it")
    func clickAndDoubleClick() throws {
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        let target = state.rows[5]
        let y = try line(of: target, in: state)
        #expect(state.update(.mouse(MouseEvent(.click, x: 20, y: y))).isEmpty)
        #expect(state.selected == target && state.opened == nil)
        let other = state.rows[2]
        state.update(.mouse(MouseEvent(.doubleClick, x: 20, y: try line(of: other, in: state))))
        #expect(state.opened == other)
        // In the opened fleet, the mouse is the dashboard's (a click focuses a panel, not a fleet).
        state.update(.key(.escape))
        #expect(state.opened == nil && state.selected == other)
    }

    @Test("a click below the last row, on the column titles or on the status line selects nothing")
    func clickOutsideRows() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        let before = state.selected
        for y in [1, 2 + 3, 30, 47] {
            state.update(.mouse(MouseEvent(.click, x: 20, y: y)))
            #expect(state.selected == before && state.opened == nil)
        }
    }

    @Test("clicks hit the rows drawn when the table is scrolled and filtered")
    func scrolledAndFiltered() throws {
        var state = OverviewFixtures.overview(count: 40, width: 80, height: 24)
        state.update(.key(.end))  // the table scrolls to show the last row
        let target = state.rows[state.rows.count - 3]
        state.update(.mouse(MouseEvent(.click, x: 10, y: try line(of: target, in: state))))
        #expect(state.selected == target)
        state.update(.key(.char("/")))
        for c in "billing" { state.update(.key(.char(c))) }
        // The prompt is up: the mouse does nothing.
        let selected = state.selected
        state.update(.mouse(MouseEvent(.click, x: 10, y: 2)))
        #expect(state.selected == selected)
        state.update(.key(.enter))
        let first = try #require(state.rows.first)
        state.update(.mouse(MouseEvent(.click, x: 10, y: try line(of: first, in: state))))
        #expect(state.selected == first)
    }

    @Test("the table scrolls only as far as the selection needs: moving up from the bottom or clicking the top row keeps it still")
    func scrollStaysPut() throws {
        var state = OverviewFixtures.overview(count: 40, width: 80, height: 24)
        state.update(.key(.end))
        let scrolled = state.view().lines
        let firstShown = scrolled[2]
        state.update(.key(.up))
        #expect(state.view().lines[2] == firstShown)  // the selection moved, the rows did not
        let topRow = try #require(state.rows.first { firstShown.contains(" \(state.summaries[$0].name) ") })
        state.update(.mouse(MouseEvent(.click, x: 10, y: 2)))
        #expect(state.selected == topRow)
        #expect(state.view().lines[2].contains(" \(state.summaries[topRow].name) "))
        // One more step up scrolls by one row.
        state.update(.key(.up))
        #expect(state.view().lines[3].contains(" \(state.summaries[topRow].name) "))
        // A taller screen shows every row from the first again, with no empty lines below the last.
        state.update(.resize(width: 80, height: 60))
        #expect(state.view().lines[2].contains(" \(state.summaries[state.rows[0]].name) "))
    }

    @Test("the wheel moves the selection, stopping at the ends")
    func wheel() {
        var state = OverviewFixtures.overview(count: 3, width: 160, height: 48)
        state.update(.mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        #expect(state.selected == state.rows[1])
        for _ in 0..<5 { state.update(.mouse(MouseEvent(.wheelDown, x: 10, y: 10))) }
        #expect(state.selected == state.rows[2])
        for _ in 0..<5 { state.update(.mouse(MouseEvent(.wheelUp, x: 10, y: 10))) }
        #expect(state.selected == state.rows[0])
    }

    @Test("replaying, a click on the header's replay position seeks to the same fraction of the recording")
    func seek() throws {
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        state.dashboard.replay = ReplayStatus(elapsed: 1234, duration: 3600, speed: 60, paused: false)
        let top = state.view().lines[0]
        let label = state.dashboard.replay!.label
        let found = try #require(top.range(of: label))
        let start = top.distance(from: top.startIndex, to: found.lowerBound)
        #expect(state.update(.mouse(MouseEvent(.click, x: start, y: 0))) == [.replay(.seek(fraction: 0))])
        #expect(state.update(.mouse(MouseEvent(.click, x: start + label.count - 1, y: 0))) == [.replay(.seek(fraction: 1))])
        #expect(state.update(.mouse(MouseEvent(.click, x: start + label.count, y: 0))).isEmpty)
        #expect(state.update(.mouse(MouseEvent(.click, x: 3, y: 0))).isEmpty)
        #expect(state.update(.mouse(MouseEvent(.doubleClick, x: start, y: 0))).isEmpty)
        // Live, the header's clock is not a position.
        state.dashboard.replay = nil
        #expect(state.update(.mouse(MouseEvent(.click, x: start, y: 0))).isEmpty)
    }

    @Test("a click closes help and does nothing else")
    func help() throws {
        var state = OverviewFixtures.overview(count: 40, width: 160, height: 48)
        let before = state.selected
        state.update(.key(.char("?")))
        state.update(.mouse(MouseEvent(.click, x: 20, y: 10)))
        #expect(!state.dashboard.showHelp && state.selected == before)
    }
}
