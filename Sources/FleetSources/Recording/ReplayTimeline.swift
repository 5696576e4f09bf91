import FleetCore
import Foundation

/// The fleet state at any point of a recording: the header's initial state with every update up to
/// that point applied, in order, exactly as the poller applied them (so a replayed state equals the
/// live one at the same moment).
///
/// Seeking is fast because the timeline keeps a checkpoint (a whole ``FleetState``) every
/// ``checkpointStride`` updates, built once when it is made: a seek copies the nearest checkpoint
/// before the target and applies at most `checkpointStride - 1` updates.
public final class ReplayTimeline: Sendable {
    public let recording: Recording
    public let checkpointStride: Int
    /// `checkpoints[k]`: the state after the first `k × checkpointStride` updates.
    private let checkpoints: [FleetState]

    public init(_ recording: Recording, checkpointStride: Int = 250) {
        precondition(checkpointStride > 0)
        self.recording = recording
        self.checkpointStride = checkpointStride
        var state = recording.header.initialState
        var checkpoints = [state]
        for (i, entry) in recording.updates.enumerated() {
            state.apply(entry.update)
            if (i + 1) % checkpointStride == 0 { checkpoints.append(state) }
        }
        self.checkpoints = checkpoints
    }

    public var start: Date { recording.start }
    public var end: Date { recording.end }
    public var count: Int { recording.updates.count }

    /// How many updates have `t <= time` (binary search).
    public func index(at time: Date) -> Int {
        let updates = recording.updates
        var lo = 0, hi = updates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if updates[mid].t <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The state after the first `count` updates.
    public func state(after count: Int) -> FleetState {
        let n = max(0, min(count, recording.updates.count))
        let k = n / checkpointStride
        var state = checkpoints[k]
        apply(from: k * checkpointStride, to: n, into: &state)
        return state
    }

    /// The state at recording time `time`.
    public func state(at time: Date) -> FleetState {
        state(after: index(at: time))
    }

    /// Applies updates `from..<to` to `state` (for playing forward without a seek).
    public func apply(from: Int, to: Int, into state: inout FleetState) {
        guard from < to else { return }
        for i in from..<to { state.apply(recording.updates[i].update) }
    }
}
