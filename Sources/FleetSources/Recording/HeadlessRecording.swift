import FleetCore
import Foundation

/// Records without a screen, as fast as the sources answer: drives a ``Poller`` through simulated
/// time (its `now` goes from `start` to `start + duration` in steps of `interval`) and writes every
/// update it merges. Knows nothing of where the data comes from: any source whose answers depend
/// only on the `now` it is polled with (the simulator at speed 1, a replay) records the same bytes
/// every time.
public enum HeadlessRecording {
    /// The header for a recording of `poller`'s sources, starting at `start`.
    public static func header(fleet: FleetInfo, sources: [RecordingHeader.Source], start: Date,
                              state: FleetState) -> RecordingHeader {
        RecordingHeader(fleet: fleet, sources: sources, start: start, stateTime: state.time,
                        seriesCapacity: state.seriesCapacity)
    }

    /// Polls `poller` at `start`, `start + interval`, … up to and including `start + duration`,
    /// writing each merged update to `writer`. Returns the final state.
    @discardableResult
    public static func run(poller: Poller, writer: RecordingWriter, start: Date, duration: TimeInterval,
                           interval: TimeInterval) async -> FleetState {
        precondition(interval > 0 && duration >= 0)
        await poller.observe { t, update in writer.record(t: t, update: update) }
        let steps = Int((duration / interval).rounded(.down))
        for step in 0...steps {
            await poller.pollOnce(now: start.addingTimeInterval(Double(step) * interval))
            if writer.error != nil { break }
        }
        await poller.observe(nil)
        return await poller.state
    }

    /// Several fleets on one recording clock: every poller is polled at each `now`, in order, and each
    /// update is written as its fleet's (its place in `pollers`, as in the header). Returns the final states.
    @discardableResult
    public static func run(pollers: [Poller], writer: RecordingWriter, start: Date, duration: TimeInterval,
                           interval: TimeInterval) async -> [FleetState] {
        precondition(interval > 0 && duration >= 0)
        for (index, poller) in pollers.enumerated() {
            await poller.observe { t, update in writer.record(t: t, fleet: index, update: update) }
        }
        let steps = Int((duration / interval).rounded(.down))
        steps: for step in 0...steps {
            for poller in pollers {
                await poller.pollOnce(now: start.addingTimeInterval(Double(step) * interval))
                if writer.error != nil { break steps }
            }
        }
        var states: [FleetState] = []
        for poller in pollers {
            await poller.observe(nil)
            states.append(await poller.state)
        }
        return states
    }
}
