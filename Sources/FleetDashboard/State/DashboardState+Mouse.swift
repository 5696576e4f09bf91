extension DashboardState {
    /// A click or the wheel, hit-tested against the same ``ScreenLayout`` the view draws with:
    /// a click focuses a panel, a double click toggles it full screen, the wheel over a chart
    /// zooms the time window, and a click on the header's replay position seeks there.
    mutating func handle(_ mouse: MouseEvent) -> [DashboardEffect] {
        if showHelp {
            if mouse.kind == .click || mouse.kind == .doubleClick { showHelp = false }
            return []
        }
        guard !isTooSmall, preview == nil, scalingWhatIf == nil, openInstance == nil else { return [] }
        let layout = ScreenLayout(width: width, height: height)
        if layout.header.contains(x: mouse.x, y: mouse.y) {
            guard mouse.kind == .click, replay != nil, let span = headerBar.replaySpan(in: layout.header),
                  span.contains(mouse.x) else { return [] }
            let fraction = span.count > 1 ? Double(mouse.x - span.lowerBound) / Double(span.count - 1) : 0
            return [.replay(.seek(fraction: fraction))]
        }
        guard let (panel, _) = layout.panels(zoomed: zoomed ? focus : nil, lowerLeft: lowerLeft)
            .first(where: { $0.area.contains(x: mouse.x, y: mouse.y) }) else { return [] }
        switch mouse.kind {
        case .click:
            focus = panel
        case .doubleClick:
            focus = panel
            zoomed.toggle()
        case .wheelUp where panel != .instances:
            return perform(.zoomIn)
        case .wheelDown where panel != .instances:
            return perform(.zoomOut)
        case .wheelUp, .wheelDown:
            break
        }
        return []
    }
}
