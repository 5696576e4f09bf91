import ArgumentParser
import FleetCore
import FleetDashboard
import FleetSources
import FleetTerminal
import Foundation

/// `fleetwatch [options]`: the full-screen dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default command)."
    )

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: "Seconds between refreshes.")
    var refresh: Double = 1

    func validate() throws {
        guard refresh >= 0.1, refresh <= 3600 else {
            throw ValidationError("--refresh must be between 0.1 and 3600 seconds, got \(refresh)")
        }
    }

    func run() throws {
        let loaded: (themes: [Theme], index: Int, warnings: [String])
        do {
            loaded = try display.loadThemes(monochromeFallback: display.colorDisabled)
        } catch {
            FileHandle.standardError.write(Data("fleetwatch: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let now = Date()
        let poller: Poller
        do {
            poller = try source.makePoller(now: now, refresh: refresh, windowSeconds: display.windowSeconds)
        } catch {
            FileHandle.standardError.write(Data("fleetwatch: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let initial = blocking { await poller.state }
        var state = DashboardState(fleet: initial, now: now, width: 80, height: 24,
                                   themes: loaded.themes, themeIndex: loaded.index, glyphs: display.glyphs,
                                   window: display.windowSeconds)
        state.notices = loaded.warnings
        if source.isDemo { state.modeLabel = "demo" }
        var loop = DashboardLoop(
            state: state,
            poller: poller,
            terminalOptions: TerminalOptions(noColor: display.colorDisabled),
            themeChosen: display.theme != nil)
        let status: Int32
        do {
            status = try loop.run()
        } catch {
            FileHandle.standardError.write(Data("fleetwatch: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
