import Foundation
import FleetCore

/// A key the dashboard understands, decoded by the terminal layer.
public enum Key: Sendable, Hashable {
    case char(Character)
    case enter, escape, tab, backTab, backspace
    case up, down, left, right, home, end, pageUp, pageDown
    case ctrl(Character)
    case function(Int)
}

/// Everything that can happen to the dashboard.
public enum DashboardEvent: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The wall clock moved on (the header clock and data ages).
    case tick(now: Date)
    /// The poller has a new fleet state.
    case fleet(FleetState)
}
