import Foundation

/// A piece of the screen: a value made from a small view model of what it shows (built from the
/// state in one place, `DashboardState+Widgets.swift`), drawn into an area of the canvas. No widget
/// holds the whole `DashboardState`.
public protocol Widget {
    func render(_ area: Rect, into canvas: inout Canvas)
}

/// How every widget draws: the theme's colours and the chart and frame glyphs.
struct Look: Equatable, Sendable {
    var theme: Theme
    var glyphs: GlyphSet
}

/// What every panel needs besides its data: the time window, the focus, the look.
struct PanelContext {
    var start: Date
    var end: Date
    var focused: Bool
    var look: Look
    /// Times of the events in the window, for marks on the charts' time axis.
    var eventMarks: [Date] = []

    var theme: Theme { look.theme }
    var glyphs: GlyphSet { look.glyphs }
}
