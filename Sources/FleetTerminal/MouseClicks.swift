import FleetDashboard

/// Turns ncurses' mouse reports (button presses, at a time) into the dashboard's mouse events:
/// a second press on the same cell soon after the first is a double click. Pure, so it is
/// tested without a terminal.
public struct MouseClicks: Sendable {
    /// How soon a second press counts as a double click.
    public static let doubleClickInterval: Duration = .milliseconds(400)

    private var lastPress: (x: Int, y: Int, at: Duration)?

    public init() {}

    /// `button` as the shim reports it: 1 a press of the first button, 4 wheel up, 5 wheel down,
    /// anything else (releases, other buttons) nil. `time` is any monotonic time.
    public mutating func event(button: Int, x: Int, y: Int, at time: Duration) -> MouseEvent? {
        switch button {
        case 1:
            if let last = lastPress, last.x == x, last.y == y, time - last.at <= Self.doubleClickInterval {
                lastPress = nil                      // a third press starts over
                return MouseEvent(.doubleClick, x: x, y: y)
            }
            lastPress = (x, y, time)
            return MouseEvent(.click, x: x, y: y)
        case 4: return MouseEvent(.wheelUp, x: x, y: y)
        case 5: return MouseEvent(.wheelDown, x: x, y: y)
        default: return nil
        }
    }
}
