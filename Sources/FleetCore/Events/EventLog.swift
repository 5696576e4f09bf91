import DequeModule
import Foundation

/// The fleet's events, oldest first, bounded: once ``capacity`` events are held the oldest fall
/// off, as the series' ring buffers do. An event equal to one already held, or with the `id` of
/// one already held (which it replaces), adds nothing, so sources may repeat what they read.
public struct EventLog: Sendable, Hashable {
    /// The default ceiling: a busy day of a fleet (every scaling activity, alarm change, launch,
    /// termination and health change of 24 hours fits several times over).
    public static let defaultCapacity = 2000

    public let capacity: Int
    public private(set) var events: Deque<FleetEvent> = []

    public init(capacity: Int = EventLog.defaultCapacity) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    public var count: Int { events.count }
    public var isEmpty: Bool { events.isEmpty }

    /// Adds `event` in time order (appending in order is O(1)).
    public mutating func insert(_ event: FleetEvent) {
        if let id = event.id, let i = events.lastIndex(where: { $0.id == id }) {
            if events[i] == event { return }
            events.remove(at: i)
        } else if holds(event) {
            return
        }
        if let last = events.last, event.time < last.time {
            let i = events.firstIndex { $0.time > event.time } ?? events.count
            events.insert(event, at: i)
        } else {
            events.append(event)
        }
        if events.count > capacity { events.removeFirst(events.count - capacity) }
    }

    public mutating func insert(contentsOf new: some Sequence<FleetEvent>) {
        for e in new { insert(e) }
    }

    /// Events from the newest back, at most `limit`, optionally only those of one instance.
    public func newestFirst(limit: Int = .max, instance: String? = nil) -> [FleetEvent] {
        var out: [FleetEvent] = []
        for e in events.reversed() where instance == nil || e.instance == instance {
            out.append(e)
            if out.count >= limit { break }
        }
        return out
    }

    /// Events with `start <= time <= end`, oldest first.
    public func events(from start: Date, to end: Date) -> [FleetEvent] {
        events.filter { $0.time >= start && $0.time <= end }
    }

    /// True when an equal event is held (only events at the same time can be equal).
    private func holds(_ event: FleetEvent) -> Bool {
        var i = events.count - 1
        while i >= 0, events[i].time >= event.time {
            if events[i] == event { return true }
            i -= 1
        }
        return false
    }
}
