import ArgumentParser
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// `fleetwatch snapshot`: run the sources headless, print one frame or the state as JSON.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one frame (plain text) or the fleet state (JSON) and exit.",
        discussion: """
            Runs the sources for --after seconds of simulated time, as fast as it can, then prints.
            Example: fleetwatch snapshot --scenario az-outage --seed 7 --after 3600 --format json
            With --replay FILE, prints the recording at --at TIME (ISO 8601 or epoch seconds) or --after
            SECONDS from its start (default: its end); --replay demo is the built-in recording.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, svg, html }

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: "Frame width in columns.")
    var width: Int = 120

    @Option(help: "Frame height in rows.")
    var height: Int = 40

    @Option(help: "Simulated seconds to run the sources before printing (default 3600); with --replay, seconds from the recording's start.")
    var after: Double?

    @Option(help: "A recording to print a moment of (`demo`: the built-in one).")
    var replay: String?

    @Option(help: "With --replay: the moment, ISO 8601 or epoch seconds.")
    var at: String?

    @Option(help: "text (the frame, no escape codes), json (the fleet state), svg or html (the frame as a picture, in the theme's colours).")
    var format: Format = .text

    func validate() throws {
        guard (1...1000).contains(width), (1...500).contains(height) else {
            throw ValidationError("--width must be 1…1000 and --height 1…500, got \(width)×\(height)")
        }
        if let after, !(after >= 0 && after <= 7 * 86400) {
            throw ValidationError("--after must be between 0 and 604800 seconds (7 days), got \(after)")
        }
        if let at {
            guard replay != nil else { throw ValidationError("--at needs --replay FILE") }
            guard ISOTime.parse(at) != nil else {
                throw ValidationError("--at: '\(at)' is not an ISO 8601 time (2026-01-05T13:42:00Z) or epoch seconds")
            }
            guard after == nil else { throw ValidationError("give --at or --after, not both") }
        }
    }

    func run() async throws {
        let now: Date
        let fleet: FleetState
        var several: (states: [FleetState], accounts: [String?])?
        let file = replay == nil ? try source.loadConfig() : nil  // read once, for one fleet or several
        if let replay {
            let recording = ReplayLoading.file(path: replay == "demo" ? nil : replay, atEnd: at == nil && after == nil)
            for warning in recording.warnings { warn(warning) }
            let moment = at.flatMap(ISOTime.parse) ?? after.map { recording.start.addingTimeInterval($0) } ?? recording.end
            switch recording {
            case .one(let one):
                var player = ReplayPlayer(timeline: ReplayTimeline(one))
                player.seek(to: moment)
                fleet = player.state
                now = player.position
            case .fleets(let fleets):
                // Several fleets: every fleet at the one moment, printed as the overview (as live).
                var player = FleetsReplayPlayer(fleets)
                player.seek(to: moment)
                several = (player.states, player.accounts)
                fleet = player.states[0]
                now = player.position
            }
        } else if let fleets = try await source.runFleetsHeadless(file: file, seconds: after ?? 3600, now: Date()) {
            several = fleets
            fleet = fleets.states[0]
            now = fleets.states.map(\.time).max() ?? fleet.time
        } else {
            fleet = try await source.runHeadless(file: file, seconds: after ?? 3600, now: Date())
            now = fleet.time
            if let failing = fleet.sources.first(where: { $0.health == .error }) {
                fail("\(failing.name): \(failing.lastError ?? "failed")", status: 1)
            }
        }
        let loaded = try display.loadThemes(monochromeFallback: false)
        for warning in loaded.warnings { warn(warning) }
        let state = DashboardState(fleet: fleet, now: now, width: width, height: height,
                                   themes: loaded.themes, themeIndex: loaded.index, glyphs: display.glyphs,
                                   window: display.windowSeconds)
        // Several fleets: the overview is the frame, and the JSON adds `fleets:` (the first fleet's state as before).
        let overview = several.map { OverviewState(fleets: $0.states, accounts: $0.accounts, dashboard: state) }
        let frame = overview?.view() ?? state.view()
        switch format {
        case .text:
            print(SafeText.printable(frame.text))
        case .json:
            var json = FleetSnapshotJSON(state: fleet, start: state.windowStart, end: state.windowEnd, now: now)
            if let overview { json.addFleets(overview.rows.map { overview.summaries[$0] }, now: now) }
            print(SafeText.printable(json.encoded()))
        case .svg, .html:
            // The picture's writer escapes every character from data (CanvasPicture, MarkupWriter).
            let picture = CanvasPicture(canvas: frame, colors: PictureColors(theme: loaded.themes[loaded.index]),
                                        title: "fleetwatch \(ISOTime.string(now))")
            print(format == .svg ? picture.svg() : picture.html(), terminator: "")
        }
    }
}
