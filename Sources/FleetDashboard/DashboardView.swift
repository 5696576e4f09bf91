import FleetCore

extension DashboardState {
    /// Draws the whole frame. Pure: the same state always gives the same canvas.
    public func view() -> Canvas {
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: theme.style(.mainFg)))
        guard !isTooSmall else {
            tooSmallScreen.render(canvas.bounds, into: &canvas)
            return canvas
        }
        let layout = ScreenLayout(width: width, height: height)
        headerBar.render(layout.header, into: &canvas)
        alarmStrip.render(layout.alarmStrip, into: &canvas)
        statusLine.render(layout.status, into: &canvas)
        if let scalingView {
            scalingView.render(layout.body, into: &canvas)
        } else if let previewView {
            previewView.render(layout.body, into: &canvas)
        } else if let instanceView {
            instanceView.render(layout.body, into: &canvas)
        } else {
            for (panel, area) in layout.panels(zoomed: zoomed ? focus : nil, lowerLeft: lowerLeft) {
                self.panel(panel).render(area, into: &canvas)
            }
            if showEvents {
                let overlay = eventsOverlay(in: layout.body)
                overlay.widget.render(overlay.area, into: &canvas)
            }
        }
        if showHelp {
            helpOverlay.render(layout.body, into: &canvas)
        }
        return canvas
    }
}
