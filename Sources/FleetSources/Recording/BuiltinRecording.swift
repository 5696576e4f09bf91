import FleetCore
import Foundation

/// The recording `fleetwatch` plays with no arguments: two hours of the Erato fleet through the
/// `az-outage` scenario on a weekday afternoon. Made by `scripts/make-demo-recording.sh` from
/// ``recipe`` into `Recordings/demo.fwrec`, and compiled into the binary
/// (`BuiltinRecording+Data.swift`) so the demo works from any directory; tests check that the
/// recipe still gives the same bytes and that the embedded copy is the file.
public enum BuiltinRecording {
    public static let fileName = "demo.fwrec"

    /// Recording starts at 13:00 UTC on Monday 2026-01-05 with 10 minutes of history (the scenario's
    /// minute 0 is 12:50): 1b goes dark 10 minutes in, the alarm fires, the fleet scales out, 1b comes
    /// back at 60 minutes, and the fleet scales in again before the end.
    public static let recipe = MockRecording(
        scenario: .azOutage, seed: 7, start: Date(timeIntervalSince1970: 1_767_618_000),
        prefill: 10 * 60, duration: 2 * 3600, interval: 10)

    /// The demo's speed: the two hours play in two minutes.
    public static let speed: Double = 60

    /// The built-in recording, read.
    public static func load() throws(InputError) -> Recording {
        try RecordingReader.read(data: Data((text + "\n").utf8), name: fileName)
    }
}
