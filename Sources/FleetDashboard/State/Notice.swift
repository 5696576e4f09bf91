import Foundation

/// A message on the status line (a theme file problem, "no alarms to preview…") that goes away
/// by itself: at the first clock event past `expires`, or at the next key.
public struct Notice: Sendable, Hashable {
    public var text: String
    /// Wall-clock time after which the notice is dropped.
    public var expires: Date

    /// How long a notice stays up when no key is pressed.
    public static let lifetime: TimeInterval = 5

    public init(_ text: String, expires: Date) {
        self.text = text
        self.expires = expires
    }
}

extension DashboardState {
    /// Shows `text` on the status line for ``Notice/lifetime`` seconds of wall time.
    public mutating func post(_ text: String) {
        notices.append(Notice(text, expires: wallClock.addingTimeInterval(Notice.lifetime)))
    }

    /// The notice the status line shows, if any.
    public var notice: String? { notices.last?.text }

    /// Moves the wall clock on and drops the notices that have expired.
    mutating func advanceWallClock(to date: Date) {
        wallClock = date
        notices.removeAll { $0.expires < date }
    }
}
