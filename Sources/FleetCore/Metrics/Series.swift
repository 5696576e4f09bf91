import DequeModule
import Foundation

/// A bounded, time-ordered history of one metric. A datapoint with a timestamp already present
/// replaces the old value (CloudWatch revises the newest period as late data arrives); the oldest
/// points fall off once `capacity` is reached.
public struct Series: Sendable, Hashable {
    public let key: MetricKey
    public var unit: String
    /// Seconds per datapoint (60 for the panels' metrics).
    public var period: Int
    public let capacity: Int
    public private(set) var points: Deque<Datapoint>

    public init(key: MetricKey, unit: String, period: Int = 60, capacity: Int = 24 * 60) {
        self.key = key
        self.unit = unit
        self.period = period
        self.capacity = Swift.min(Swift.max(1, capacity), Ceilings.seriesCapacity.upperBound)  // never traps on a file's value
        self.points = []
    }

    public var latest: Datapoint? { points.last }
    public var isEmpty: Bool { points.isEmpty }
    public var count: Int { points.count }

    /// Inserts in time order; appending in order (the common case) is O(1).
    public mutating func insert(_ point: Datapoint) {
        guard point.value.isFinite else { return }
        if let last = points.last {
            if point.time > last.time {
                points.append(point)
            } else if point.time == last.time {
                points[points.count - 1] = point
            } else {
                let i = firstIndex(atOrAfter: point.time)
                if i < points.count, points[i].time == point.time {
                    points[i] = point
                } else {
                    // Older than everything we keep once full: nothing to make room for.
                    if points.count >= capacity, i == 0 { return }
                    points.insert(point, at: i)
                }
            }
        } else {
            points.append(point)
        }
        while points.count > capacity { points.removeFirst() }
    }

    public mutating func insert<S: Sequence>(contentsOf newPoints: S) where S.Element == Datapoint {
        for p in newPoints { insert(p) }
    }

    /// Index of the first point whose time is at or after `time` (binary search).
    public func firstIndex(atOrAfter time: Date) -> Int {
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid].time < time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The points with `from <= time <= to`.
    public func points(from: Date, to: Date) -> ArraySlice<Datapoint> {
        let lo = firstIndex(atOrAfter: from)
        var hi = lo
        while hi < points.count, points[hi].time <= to { hi += 1 }
        return ArraySlice(points[lo..<hi])
    }

    /// The value of the point at exactly `time`, if present.
    public func value(at time: Date) -> Double? {
        let i = firstIndex(atOrAfter: time)
        return i < points.count && points[i].time == time ? points[i].value : nil
    }
}
