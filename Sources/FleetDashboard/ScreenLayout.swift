/// Where each part of the dashboard goes on a screen of a given size. `view` draws with it and
/// mouse hit-testing reads it, so a click always lands on what is drawn there.
public struct ScreenLayout: Sendable, Hashable {
    public var header: Rect
    public var alarmStrip: Rect
    /// The panels (or the preview) between the alarm strip and the status line.
    public var body: Rect
    public var status: Rect

    public init(width: Int, height: Int) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (header, rest) = screen.splitTop(1)
        let (strip, belowStrip) = rest.splitTop(1)
        let (body, status) = belowStrip.splitBottom(1)
        self.header = header
        self.alarmStrip = strip
        self.body = body
        self.status = status
    }

    /// The panels shown and their areas: the 2×2 grid (CPU and requests on top, unhealthy hosts
    /// and instances below), or one panel over the whole body.
    public func panels(zoomed: PanelID?) -> [(panel: PanelID, area: Rect)] {
        if let zoomed { return [(zoomed, body)] }
        return PanelID.allCases.map { ($0, Self.gridArea($0, body: body)) }
    }

    static func gridArea(_ panel: PanelID, body: Rect) -> Rect {
        let rows = body.rows(2)
        let cols = rows[panel.rawValue / 2].columns(2)
        return cols[panel.rawValue % 2]
    }
}
