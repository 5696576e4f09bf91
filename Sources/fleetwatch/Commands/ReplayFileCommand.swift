import ArgumentParser
import FleetApp
import FleetCore
import FleetSources
import Foundation

/// `fleetwatch replay FILE [--speed N]`: play a recording in the dashboard. (Not `ReplayCommand`:
/// that is what a replay key asks of the replay clock, in FleetDashboard.)
struct ReplayFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a recording (from `fleetwatch record`) in the dashboard.",
        discussion: """
            Keys: space pause, [ / ] slower / faster (×1 … ×600), ← / → seek (1 minute × speed/10),
            Home / End start / end, and the dashboard's own keys. A recording of several fleets opens
            the overview; the replay keys act on every fleet at once, there and in an opened fleet.
            """
    )

    @Argument(help: "The recording (JSON Lines, .fwrec); omit for the built-in demo.")
    var file: String?

    @Option(help: "Seconds of recording per wall-clock second (default: 1; the built-in demo: 60).")
    var speed: Double?

    @Option(help: "Where to begin, in seconds from the recording's start (e.g. 600 or 10m).")
    var from: String?

    @Option(help: "Scaling policies for the preview's scaling view (Terraform .tf or a folder, or describe-policies JSON); the built-in demo has its own.")
    var scaling: String?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if let speed, !(speed > 0 && speed <= 100_000) {
            throw ValidationError("--speed must be between 0 and 100000, got \(speed)")
        }
        if let from, DurationText.parse(from) == nil {
            throw ValidationError("--from: '\(from)' is not a duration (600, 10m, 1h)")
        }
    }

    func run() throws {
        let from = self.from.flatMap(DurationText.parse)
        switch ReplayLoading.file(path: file) {
        case .one(let recording):
            let timeline = ReplayTimeline(recording)
            var player = ReplayPlayer(timeline: timeline, speed: speed ?? (file == nil ? BuiltinRecording.speed : 1))
            if let from { player.seek(to: timeline.start.addingTimeInterval(from)) }
            try DashboardLauncher.run(feed: .replay(player), fleet: player.state, display: display,
                                      modeLabel: file == nil ? "demo" : nil, notices: recording.warnings,
                                      scaling: scaling.map { .file($0) } ?? (file == nil ? .builtin : .none))
        case .fleets(let recording):
            // Several fleets: the overview, every fleet on the one replay clock.
            var player = FleetsReplayPlayer(recording, speed: speed ?? 1)
            if let from { player.seek(to: recording.start.addingTimeInterval(from)) }
            try DashboardLauncher.run(feed: .fleetsReplay(player), fleet: player.states[0], display: display,
                                      modeLabel: nil, notices: recording.warnings,
                                      scaling: scaling.map { .file($0) } ?? .none,
                                      overview: (player.states, player.accounts))
        }
    }
}
