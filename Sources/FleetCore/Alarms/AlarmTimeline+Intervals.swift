import Foundation

extension AlarmTimeline {
    /// The stretches spent in ALARM, as [start, end): from each transition into ALARM to the next
    /// transition out of it, the last one open until `end`.
    public func alarmIntervals(until end: Date) -> [(start: Date, end: Date)] {
        var intervals: [(start: Date, end: Date)] = []
        var openedAt: Date?
        for t in transitions {
            if t.to == .alarm { openedAt = t.time }
            if t.from == .alarm, let opened = openedAt {
                intervals.append((opened, t.time))
                openedAt = nil
            }
        }
        if let opened = openedAt { intervals.append((opened, end)) }
        return intervals
    }
}
