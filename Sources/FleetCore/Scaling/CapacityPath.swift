import Foundation

/// A group's capacity over time: steps, each holding from its time until the next.
public struct CapacityPath: Sendable, Hashable, Codable {
    public struct Step: Sendable, Hashable, Codable {
        public var time: Date
        public var capacity: Int

        public init(time: Date, capacity: Int) {
            self.time = time
            self.capacity = capacity
        }
    }

    /// Sorted by time; repeated capacities dropped.
    public private(set) var steps: [Step]

    public init(_ steps: [Step] = []) {
        self.steps = []
        for step in steps.sorted(by: { $0.time < $1.time }) { append(step.time, step.capacity) }
    }

    public mutating func append(_ time: Date, _ capacity: Int) {
        if let last = steps.last {
            if last.capacity == capacity { return }
            if last.time == time { steps[steps.count - 1].capacity = capacity; return }
        }
        steps.append(Step(time: time, capacity: capacity))
    }

    /// The capacity at `time`: the last step at or before it, else the first step's.
    public func value(at time: Date) -> Int? {
        guard !steps.isEmpty else { return nil }
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return steps[max(lo - 1, 0)].capacity
    }

    /// The largest capacity held at any time in `start..<end`.
    public func peak(from start: Date, to end: Date) -> Int? {
        guard let first = value(at: start) else { return nil }
        return steps.filter { $0.time > start && $0.time < end }.map(\.capacity).reduce(first, max)
    }

    /// Instance-hours over `start..<end`.
    public func instanceHours(from start: Date, to end: Date) -> Double {
        guard end > start, var capacity = value(at: start) else { return 0 }
        var total = 0.0
        var from = start
        for step in steps where step.time > start && step.time < end {
            total += Double(capacity) * step.time.timeIntervalSince(from)
            from = step.time
            capacity = step.capacity
        }
        total += Double(capacity) * end.timeIntervalSince(from)
        return total / 3600
    }
}
