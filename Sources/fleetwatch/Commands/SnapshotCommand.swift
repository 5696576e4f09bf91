import ArgumentParser
import FleetCore
import FleetDashboard
import Foundation

/// `fleetwatch snapshot`: run the sources headless, print one frame or the state as JSON.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one frame (plain text) or the fleet state (JSON) and exit.",
        discussion: """
            Runs the sources for --after seconds of simulated time, as fast as it can, then prints.
            Example: fleetwatch snapshot --scenario az-outage --seed 7 --after 3600 --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: "Frame width in columns.")
    var width: Int = 120

    @Option(help: "Frame height in rows.")
    var height: Int = 40

    @Option(help: "Simulated seconds to run the sources before printing.")
    var after: Double = 3600

    @Option(help: "text (the frame, no escape codes) or json (the fleet state).")
    var format: Format = .text

    func validate() throws {
        guard (1...1000).contains(width), (1...500).contains(height) else {
            throw ValidationError("--width must be 1…1000 and --height 1…500, got \(width)×\(height)")
        }
        guard after >= 0, after <= 7 * 86400 else {
            throw ValidationError("--after must be between 0 and 604800 seconds (7 days), got \(after)")
        }
    }

    func run() throws {
        let fleet: FleetState
        do {
            fleet = try source.runHeadless(seconds: after, now: Date())
        } catch {
            FileHandle.standardError.write(Data("fleetwatch: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let failing = fleet.sources.first(where: { $0.health == .error }) {
            FileHandle.standardError.write(Data("fleetwatch: \(failing.name): \(failing.lastError ?? "failed")\n".utf8))
            throw ExitCode(1)
        }
        let loaded: (themes: [Theme], index: Int, warnings: [String])
        do {
            loaded = try display.loadThemes(monochromeFallback: false)
        } catch {
            FileHandle.standardError.write(Data("fleetwatch: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for warning in loaded.warnings {
            FileHandle.standardError.write(Data("fleetwatch: warning: \(warning)\n".utf8))
        }
        let state = DashboardState(fleet: fleet, now: fleet.time, width: width, height: height,
                                   themes: loaded.themes, themeIndex: loaded.index, glyphs: display.glyphs,
                                   window: display.windowSeconds)
        switch format {
        case .text:
            print(state.view().text)
        case .json:
            print(FleetSnapshotJSON(state: fleet, start: state.windowStart, end: state.windowEnd, now: fleet.time).encoded())
        }
    }
}
