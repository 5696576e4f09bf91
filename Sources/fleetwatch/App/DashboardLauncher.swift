import AlarmDefinitions
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
                    notices: [String] = [], config: FleetConfig? = nil, scaling: ScalingChoice = .none,
                    overview: (fleets: [FleetState], accounts: [String?])? = nil, until: Date? = nil) throws {
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
        let policies: (settings: ScalingSettings?, notes: [String])
        do {
            policies = try scaling.settings(config: config)
        } catch {
            fail("\(error)")
        }
        state.scaling = policies.settings
        for notice in loaded.warnings + notices + policies.notes { state.post(notice) }
        state.modeLabel = modeLabel
        state.keyMap = keyMap
        var loop = DashboardLoop(state: state, feed: feed, themeChosen: display.theme != nil)
        if let overview {
            loop.overview = OverviewState(fleets: overview.fleets, accounts: overview.accounts, dashboard: state)
            do {
                for (name, settings) in try scaling.fleetSettings(config: config) {
                    loop.overview?.fleetScaling[name] = settings
                }
            } catch {
                fail("\(error)")
            }
        }
        // Live data only: a replay's alarms went to ALARM long ago (the loop drops them anyway).
        switch feed {
        case .replay, .fleetsReplay: break
        case .live, .fleets: loop.onAlarm = config?.onAlarm
        }
        loop.until = until
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

/// Where the scaling view's policies come from: `--scaling FILE`, else the configuration's `scaling:`, else the
/// built-in demo's policies when the demo plays.
enum ScalingChoice {
    case none, builtin
    case file(String)

    /// The policies of the fleets of several that name their own `scaling:` (`--scaling FILE` is every
    /// fleet's: none then), by fleet name.
    func fleetSettings(config: FleetConfig?) throws -> [(String, ScalingSettings)] {
        guard let config, case .none = self else { return [] }
        return try config.fleets.filter { $0.scaling != nil }.compactMap { entry in
            guard let (loaded, file) = try config.loadScaling(for: entry) else { return nil }
            return (entry.fleet.name, try ScalingSettings(loaded, file: file))
        }
    }

    /// The settings and the notes made while reading them (skipped policies, say).
    func settings(config: FleetConfig?) throws -> (ScalingSettings?, [String]) {
        switch self {
        case .file(let path):
            let alarms = try config?.alarms == nil ? nil : config?.loadAlarms()
            let loaded = try ScalingPolicyLoader.load(path: path, alarms: alarms)
            return (try ScalingSettings(loaded, file: path), loaded.notes)
        case .none, .builtin:
            if let (loaded, file) = try config?.loadScaling() {
                return (try ScalingSettings(loaded, file: file), loaded.notes)
            }
            guard case .builtin = self else { return (nil, []) }
            return (try ScalingSettings.builtin(), [])
        }
    }
}

/// A recording read for replay, or the CLI's one-line error (exit 2).
enum ReplayLoading {
    /// Reads `path` (one fleet or several), or the built-in recording when nil; `atEnd`: the caller goes
    /// to the recording's end first (``RecordingReader/readFile(path:atEnd:)``).
    static func file(path: String?, atEnd: Bool = false) -> RecordingFile {
        do {
            return try path.map { try RecordingReader.readFile(path: $0, atEnd: atEnd) } ?? .one(BuiltinRecording.load())
        } catch {
            fail("\(error)")
        }
    }

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
