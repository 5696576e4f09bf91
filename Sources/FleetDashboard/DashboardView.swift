import FleetCore

extension DashboardState {
    /// Draws the whole frame. Pure: the same state always gives the same canvas.
    public func view() -> Canvas {
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: theme.style(.mainFg)))
        guard !isTooSmall else {
            renderTooSmall(into: &canvas)
            return canvas
        }
        let (header, rest) = canvas.bounds.splitTop(1)
        HeaderBar(state: self).render(into: &canvas, area: header, theme: theme)
        let (strip, belowStrip) = rest.splitTop(1)
        AlarmStrip(state: self).render(into: &canvas, area: strip, theme: theme)
        let (body, status) = belowStrip.splitBottom(1)
        StatusLine(state: self).render(into: &canvas, area: status, theme: theme)
        if let preview {
            PreviewView(state: self, preview: preview).render(into: &canvas, area: body)
        } else if zoomed {
            renderPanel(focus, into: &canvas, area: body)
        } else {
            for panel in PanelID.allCases {
                renderPanel(panel, into: &canvas, area: Self.gridArea(panel, body: body))
            }
        }
        if showHelp {
            HelpOverlay(replay: replay != nil).render(into: &canvas, area: body, theme: theme, glyphs: glyphs)
        }
        return canvas
    }

    /// The 2×2 grid: CPU and requests on top, unhealthy hosts and instances below.
    static func gridArea(_ panel: PanelID, body: Rect) -> Rect {
        let rows = body.rows(2)
        let cols = rows[panel.rawValue / 2].columns(2)
        return cols[panel.rawValue % 2]
    }

    func renderPanel(_ panel: PanelID, into canvas: inout Canvas, area: Rect) {
        let focused = panel == focus
        switch panel {
        case .cpu: CPUPanel(state: self).render(into: &canvas, area: area, focused: focused)
        case .requests: RequestsPanel(state: self).render(into: &canvas, area: area, focused: focused)
        case .unhealthy: UnhealthyPanel(state: self).render(into: &canvas, area: area, focused: focused)
        case .instances: InstancesPanel(state: self).render(into: &canvas, area: area, focused: focused)
        }
    }

    func renderTooSmall(into canvas: inout Canvas) {
        let need = "enlarge to \(Self.minimumSize.width)×\(Self.minimumSize.height)"
        let have = "now \(width)×\(height) · q quits"
        let style = theme.style(.warning).adding(.bold)
        for (i, text) in [need, have].enumerated() {
            let y = height / 2 - 1 + i
            let x = max(0, (width - text.count) / 2)
            canvas.write(text, x: x, y: y, style: i == 0 ? style : theme.style(.label))
        }
    }
}
