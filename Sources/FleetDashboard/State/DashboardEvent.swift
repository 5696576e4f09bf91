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

/// A mouse event at a cell of the screen (column `x`, row `y`, from the top left).
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case click, doubleClick, wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Everything that can happen to the dashboard.
public enum DashboardEvent: Sendable {
    case key(Key)
    /// A click or the wheel (only with mouse reporting on, `--mouse`).
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The wall clock moved on (the header clock and data ages).
    case tick(now: Date)
    /// The wall clock, for how long notices stay up. Live, `tick` is the wall clock too; while
    /// replaying, `tick` carries the recording's time and the loop sends this once a second.
    case clock(Date)
    /// The loop performed an export effect: the text it wrote (Terraform and put-metric-alarm, or the
    /// scaling policy's Terraform), shown in the preview it came from.
    case exported(String)
    /// The poller has a new fleet state.
    case fleet(FleetState)
}
