import Foundation

extension FleetEvent {
    /// The change of desired capacity a scaling event states, in the words Auto Scaling gives an
    /// activity's `Cause` (`describe-scaling-activities`: "… changing the desired capacity from 6 to 8."). Nil
    /// for other events, or when the text states no change.
    public var capacityChange: (from: Int, to: Int)? {
        guard kind == .scaling, let r = text.range(of: "changing the desired capacity from ") else { return nil }
        let words = text[r.upperBound...].split(separator: " ", maxSplits: 3)
        guard words.count >= 3, words[1] == "to", let from = Int(words[0]),
              let to = Int(words[2].prefix { $0.isNumber }) else { return nil }
        return (from, to)
    }
}

extension CapacityPath {
    /// The group's desired capacity as its scaling events tell it: the first change's `from` at `start`, then
    /// each change's `to` from its time. Nil when no event states a change.
    public static func desired(from events: some Sequence<FleetEvent>, start: Date) -> CapacityPath? {
        let changes = events.compactMap { e in e.capacityChange.map { (time: e.time, from: $0.from, to: $0.to) } }
            .sorted { $0.time < $1.time }
        guard let first = changes.first else { return nil }
        var path = CapacityPath([.init(time: min(start, first.time), capacity: first.from)])
        for change in changes { path.append(change.time, change.to) }
        return path
    }
}
