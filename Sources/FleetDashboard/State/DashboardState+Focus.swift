import FleetCore

extension DashboardState {
    /// The panels shown, in grid order, and the grid's columns.
    var grid: (panels: [PanelID], columns: Int) {
        ScreenLayout(width: width, height: height).grid(lowerLeft: lowerLeft)
    }

    /// Tab and Shift-Tab: the next or previous panel shown.
    mutating func cycleFocus(by step: Int) {
        let panels = grid.panels
        let i = panels.firstIndex(of: focus) ?? 0
        focus = panels[(i + step + panels.count) % panels.count]
        if zoomed, !panels.contains(focus) { zoomed = false }
    }

    /// Arrows: across or up and down the grid, wrapping at its edges.
    mutating func moveFocus(columns dx: Int, rows dy: Int) {
        guard !zoomed else { return }
        let (panels, columns) = grid
        guard let i = panels.firstIndex(of: focus) else {
            focus = panels[0]
            return
        }
        let rows = (panels.count + columns - 1) / columns
        let row = (i / columns + dy + rows) % rows
        let column = (i % columns + dx + columns) % columns
        focus = panels[min(panels.count - 1, row * columns + column)]
    }

    /// The instances in cursor order: zone by zone (the fleet's order), trouble first within a zone.
    public var cursorOrder: [Instance] {
        var zones = fleet.fleet.zones
        for i in fleet.instances where !zones.contains(i.zone) { zones.append(i.zone) }
        return zones.flatMap { fleet.instances(inZone: $0) }
    }

    /// The instance under the cursor, when the instances panel is focused and has instances.
    public var cursorInstance: Instance? {
        let order = cursorOrder
        guard !order.isEmpty else { return nil }
        return order[min(max(0, cursor), order.count - 1)]
    }

    /// Up and down over the instances panel move its row cursor; at either end they move focus
    /// (returns false) as elsewhere.
    mutating func moveCursor(by step: Int) -> Bool {
        guard focus == .instances else { return false }
        let count = fleet.instances.count
        let current = min(max(0, cursor), max(0, count - 1))
        let next = current + step
        guard count > 0, next >= 0, next < count else { return false }
        cursor = next
        return true
    }

    /// The open instance, while it is still in the fleet.
    public var openedInstance: Instance? {
        openInstance.flatMap { id in fleet.instances.first { $0.id == id } }
    }
}
