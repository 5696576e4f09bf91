import ArgumentParser
import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// `fleetwatch [options]`: the full-screen dashboard. With no options at all: the built-in
/// recording (an AZ outage), replayed.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default command); with no options, replay the built-in demo."
    )

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: "Scaling policies for the preview's scaling view (Terraform .tf or a folder, or describe-policies JSON); default: the configuration's scaling:, or the demo's.")
    var scaling: String?

    @Option(help: "Seconds between refreshes.")
    var refresh: Double = 1

    func validate() throws {
        guard refresh >= 0.1, refresh <= 3600 else {
            throw ValidationError("--refresh must be between 0.1 and 3600 seconds, got \(refresh)")
        }
    }

    func run() throws {
        if source.isDemo {
            let timeline = ReplayLoading.timeline(path: nil)
            let player = ReplayPlayer(timeline: timeline, speed: BuiltinRecording.speed)
            try DashboardLauncher.run(feed: .replay(player), fleet: player.state, display: display, modeLabel: "demo",
                                      notices: timeline.recording.warnings, scaling: scaling.map { .file($0) } ?? .builtin)
            return
        }
        let now = Date()
        let file = try source.loadConfig()
        if let fleets = try source.makeFleets(file: file, now: now, refresh: refresh, windowSeconds: display.windowSeconds) {
            try DashboardLauncher.run(feed: .fleets(fleets.feed), fleet: fleets.initialStates[0],
                                      display: display, modeLabel: nil, config: fleets.config,
                                      overview: (fleets.initialStates, fleets.accounts))
            return
        }
        let live = try source.makeLive(file: file, now: now, refresh: refresh, windowSeconds: display.windowSeconds)
        try DashboardLauncher.run(feed: .live(PollerFeed(live.poller)), fleet: live.initialState,
                                  display: display, modeLabel: nil, config: live.configFile,
                                  scaling: scaling.map { .file($0) } ?? .none)
    }
}
