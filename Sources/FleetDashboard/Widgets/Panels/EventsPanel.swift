import FleetCore
import Foundation

/// Events, newest first: `13:14:25 health  1b i-0f6a80fbe052eaa7d healthy → unhealthy (Target.Timeout)`.
/// The instance column is left out where the text already names the instance (AWS's launch and
/// termination descriptions do). Used as a panel, as the `e` overlay and in the instance view.
struct EventsPanel: Widget {
    /// Newest first; only as many as fit are drawn.
    var events: [FleetEvent]
    /// How many events there are in all (the title's count).
    var total: Int
    var title = "Events"
    var focused: Bool
    var look: Look
    /// A filled background, for the overlay.
    var fill: Style? = nil

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = look.theme
        let inner = Box(title: [(title, theme.style(.title)), ("\(total), newest first", theme.style(.label))],
                        focused: focused, look: look, fill: fill).frame(area, into: &canvas)
        guard inner.height >= 1, inner.width >= 10 else { return }
        if events.isEmpty {
            canvas.write("no events", x: inner.x + 1, y: inner.y, style: theme.style(.label), maxWidth: inner.width - 1)
            return
        }
        let base = fill ?? theme.style(.mainFg)
        for (row, event) in events.prefix(inner.height).enumerated() {
            let y = inner.y + row
            var x = inner.x + 1
            func put(_ text: String, _ style: Style) {
                x += canvas.write(text, x: x, y: y, style: style, maxWidth: max(0, inner.maxX - x))
            }
            put(Chart.clock(event.time, seconds: true) + " ", theme.style(.label))
            put(event.kind.label.padding(toLength: 8, withPad: " ", startingAt: 0), theme.style(Self.role(event)))
            if let zone = event.zone { put(Format.shortZone(zone) + " ", theme.style(.label)) }
            if let instance = event.instance, !event.text.contains(instance) { put(instance + " ", base) }
            put(event.text, base)
        }
    }

    /// The kind's colour: trouble red, recovery green, capacity changes in their lifecycle colours.
    static func role(_ event: FleetEvent) -> ThemeRole {
        switch event.kind {
        case .alarm: event.text.contains(" to ALARM") ? .alarmAlarm : event.text.contains(" to OK") ? .alarmOk : .alarmInsufficient
        case .health: event.text.contains("→ healthy") ? .healthy : event.text.contains("→ unhealthy") ? .unhealthy : .initial
        case .scaling: .keyHint
        case .launch: .pending
        case .terminate: .draining
        case .refresh: .warning
        }
    }
}
