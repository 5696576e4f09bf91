import FleetCore
import Foundation

/// One fleet of a ``FleetsRecording`` at any point of it: the header's initial state with its first
/// ``applied`` updates applied in order, as the poller applied them (so the state equals a whole read's,
/// ``ReplayTimeline``'s, at every moment). Each update's line is decoded from the file when the cursor
/// first needs it and not kept; a checkpoint (the state, and what the reader remembers of series and
/// statuses) is kept every ``checkpointStride`` updates as the cursor first passes it, so a seek back
/// decodes at most a stride of lines again; the end, when the file was opened for it, is kept from then.
public struct FleetReplayCursor: Sendable {
    struct Checkpoint: Sendable {
        var state: FleetState
        var decoding: DecodingState
    }

    public let lines: FleetLines
    let bytes: RecordingBytes
    public let checkpointStride: Int
    /// The fleet state after the first ``applied`` updates.
    public private(set) var state: FleetState
    public private(set) var applied = 0
    /// The reader's memory (series declared, statuses) after ``applied`` updates.
    private var decoding = DecodingState()
    /// `checkpoints[k]`: after the first `k × checkpointStride` updates; made in order, as first passed.
    private var checkpoints: [Checkpoint]

    public init(_ recording: FleetsRecording, fleet: Int, checkpointStride: Int = 250) {
        precondition(checkpointStride > 0)
        lines = recording.fleets[fleet]
        bytes = recording.bytes
        self.checkpointStride = checkpointStride
        state = lines.header.initialState
        checkpoints = [Checkpoint(state: state, decoding: decoding)]
    }

    /// Moves to the state after the first `target` updates (clamped). Returns true when it changed.
    @discardableResult
    public mutating func move(to target: Int) -> Bool {
        let target = max(0, min(target, lines.count))
        guard target != applied else { return false }
        if target == lines.count, let final = lines.final {
            state = final.state
            decoding = final.decoding
            applied = target
            return true
        }
        // Back, or forward past a checkpoint already made: start from the nearest one at or before `target`.
        let k = min(target / checkpointStride, checkpoints.count - 1)
        if target < applied || k * checkpointStride > applied {
            state = checkpoints[k].state
            decoding = checkpoints[k].decoding
            applied = k * checkpointStride
        }
        let decoder = RecordingFormat.decoder()
        while applied < target {
            state.apply(Self.update(applied, of: lines, in: bytes, decoder: decoder, decoding: &decoding))
            applied += 1
            if applied % checkpointStride == 0, checkpoints.count == applied / checkpointStride {
                checkpoints.append(Checkpoint(state: state, decoding: decoding))
            }
        }
        return true
    }

    /// Moves to the last update at or before `time`. Returns true when the state changed.
    @discardableResult
    public mutating func seek(to time: Date) -> Bool {
        move(to: lines.index(at: time))
    }

    /// Decodes updates `applied..<end` in order, without applying them, and hands each to `body` with
    /// its index (for ``FleetsRecording/recording(of:)``); the cursor is left where it was.
    func forEachUpdate(to end: Int, _ body: (Int, FleetUpdate) -> Void) {
        var decoding = self.decoding
        let decoder = RecordingFormat.decoder()
        for i in applied..<max(applied, min(end, lines.count)) {
            body(i, Self.update(i, of: lines, in: bytes, decoder: decoder, decoding: &decoding))
        }
    }

    /// Update `i`, decoded after the updates before it. Opening checked every line, so this fails only
    /// when the file changed since: such a line applies nothing.
    static func update(_ i: Int, of lines: FleetLines, in bytes: RecordingBytes, decoder: JSONDecoder,
                       decoding: inout DecodingState) -> FleetUpdate {
        let line = bytes.read(offset: lines.offsets[i], count: Int(lines.counts[i])) {
            try? RecordedLine.decode($0, decoder: decoder)
        }
        guard let line = line ?? nil else { return FleetUpdate() }
        var problems: [String] = []  // reported when the file was opened
        return decoding.update(from: line, t: lines.times[i], problems: &problems)
    }
}
