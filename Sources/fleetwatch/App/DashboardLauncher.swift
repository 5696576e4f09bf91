import ArgumentParser
import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import FleetTerminal
import Foundation

/// Opens the dashboard on a feed: the part `dashboard`, `replay` and `record` share.
enum DashboardLauncher {
    static func run(feed: DashboardFeed, fleet: FleetState, display: DisplayOptions, modeLabel: String?,
                    notices: [String] = [], config: FleetConfig? = nil,
                    overview: (fleets: [FleetState], accounts: [String?])? = nil) throws {
        let loaded: (themes: [Theme], index: Int, warnings: [String])
        do {
            loaded = try display.loadThemes(monochromeFallback: display.colorDisabled)
        } catch {
            fail("\(error)")
        }
        let keyMap: KeyMap
        var mouse = display.mouse
        do {
            keyMap = try KeyMapLoading.keyMap(configKeys: config?.keys)
            mouse = mouse || config?.mouse == true
        } catch {
            fail("\(error)")
        }
        let now = Date()
        var state = DashboardState(fleet: fleet, now: now, width: 80, height: 24,
                                   themes: loaded.themes, themeIndex: loaded.index, glyphs: display.glyphs,
                                   window: display.windowSeconds)
        for notice in loaded.warnings + notices { state.post(notice) }
        state.modeLabel = modeLabel
        state.keyMap = keyMap
        var loop = DashboardLoop(state: state, feed: feed, themeChosen: display.theme != nil)
        if let overview {
            loop.overview = OverviewState(fleets: overview.fleets, accounts: overview.accounts, dashboard: state)
            loop.onAlarm = config?.onAlarm
        }
        loop.chartDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let status: Int32
        do {
            let session = try TerminalSession(options: TerminalOptions(noColor: display.colorDisabled, mouse: mouse))
            defer { session.restore() }
            status = loop.run(on: session)
        } catch {
            fail("\(error)", status: 1)
        }
        // What the user asked to take away (`w` in the alarm preview), now on the normal screen.
        for text in loop.exports { print(SafeText.printable(text) + "\n") }
        if status != 0 { throw ExitCode(status) }
    }
}

/// A recording read for replay, or the CLI's one-line error (exit 2).
enum ReplayLoading {
    /// Reads `path`, or the built-in recording when nil. Warnings go to the status line.
    static func timeline(path: String?) -> ReplayTimeline {
        do {
            let recording = try path.map { try RecordingReader.read(path: $0) } ?? BuiltinRecording.load()
            return ReplayTimeline(recording)
        } catch {
            fail("\(error)")
        }
    }
}
