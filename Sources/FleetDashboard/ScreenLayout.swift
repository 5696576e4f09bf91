/// Where each part of the dashboard goes on a screen of a given size. `view` draws with it and
/// mouse hit-testing reads it, so a click always lands on what is drawn there.
public struct ScreenLayout: Sendable, Hashable {
    /// The smallest screen that shows all six panels (errors and latency, and events, besides the
    /// four): smaller screens show the 2×2 grid.
    public static let largeSize = (width: 180, height: 50)

    public var header: Rect
    public var alarmStrip: Rect
    /// The panels (or the preview) between the alarm strip and the status line.
    public var body: Rect
    public var status: Rect
    /// True when the screen shows the six panels in a 3×2 grid.
    public var isLarge: Bool

    public init(width: Int, height: Int) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (header, rest) = screen.splitTop(1)
        let (strip, belowStrip) = rest.splitTop(1)
        let (body, status) = belowStrip.splitBottom(1)
        self.header = header
        self.alarmStrip = strip
        self.body = body
        self.status = status
        isLarge = width >= Self.largeSize.width && height >= Self.largeSize.height
    }

    /// The panels in grid order, row by row, and how many columns the grid has: on a large screen
    /// CPU, requests, errors over unhealthy hosts, instances, events; otherwise CPU and requests
    /// over `lowerLeft` (unhealthy hosts or errors) and instances.
    public func grid(lowerLeft: PanelID = .unhealthy) -> (panels: [PanelID], columns: Int) {
        isLarge ? ([.cpu, .requests, .errors, .unhealthy, .instances, .events], 3)
            : ([.cpu, .requests, lowerLeft, .instances], 2)
    }

    /// The panels shown and their areas: the grid, or one panel over the whole body.
    public func panels(zoomed: PanelID?, lowerLeft: PanelID = .unhealthy) -> [(panel: PanelID, area: Rect)] {
        if let zoomed { return [(zoomed, body)] }
        let (panels, columns) = grid(lowerLeft: lowerLeft)
        let rows = body.rows(2)
        return panels.enumerated().map { i, panel in
            (panel, rows[i / columns].columns(columns)[i % columns])
        }
    }
}
