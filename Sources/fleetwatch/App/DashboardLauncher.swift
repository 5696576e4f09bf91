import ArgumentParser
import FleetCore
import FleetDashboard
import FleetSources
import FleetTerminal
import Foundation

/// Opens the dashboard on a feed: the part `dashboard`, `replay` and `record` share.
enum DashboardLauncher {
    static func run(feed: DashboardFeed, fleet: FleetState, display: DisplayOptions, modeLabel: String?,
                    notices: [String] = []) throws {
        let loaded: (themes: [Theme], index: Int, warnings: [String])
        do {
            loaded = try display.loadThemes(monochromeFallback: display.colorDisabled)
        } catch {
            fail("\(error)")
        }
        let now = Date()
        var state = DashboardState(fleet: fleet, now: now, width: 80, height: 24,
                                   themes: loaded.themes, themeIndex: loaded.index, glyphs: display.glyphs,
                                   window: display.windowSeconds)
        state.notices = loaded.warnings + notices
        state.modeLabel = modeLabel
        var loop = DashboardLoop(state: state, feed: feed,
                                 terminalOptions: TerminalOptions(noColor: display.colorDisabled),
                                 themeChosen: display.theme != nil)
        let status: Int32
        do {
            status = try loop.run()
        } catch {
            fail("\(error)", status: 1)
        }
        // What the user asked to take away (`w` in the alarm preview), now on the normal screen.
        for text in loop.state.exports { print(SafeText.printable(text) + "\n") }
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
