import ArgumentParser
import FleetDashboard
import Foundation

extension GlyphSet: ExpressibleByArgument {}

/// How the dashboard looks.
struct DisplayOptions: ParsableArguments {
    @Option(help: "A theme name (\(BuiltinThemes.names.joined(separator: ", ")), or one in $XDG_CONFIG_HOME/fleetwatch/themes) or a path to a .theme file.")
    var theme: String?

    @Flag(help: "No colour (as does a non-empty NO_COLOR).")
    var noColor = false

    @Option(help: "Chart glyphs: braille, block or ascii.")
    var glyphs: GlyphSet = .braille

    @Option(help: "The time window: 15m, 30m, 1h, 3h, 6h, 12h or 24h.")
    var window: String = "1h"

    @Flag(help: "Use the mouse: click a panel to focus it, double-click for full screen, the wheel zooms, a click on the replay position seeks; on the overview a click selects a fleet and a double click opens it (as does `mouse: true` in a configuration). Off by default, so the terminal's own selection works.")
    var mouse = false

    func validate() throws {
        guard Self.parseWindow(window) != nil else {
            throw ValidationError("--window must be one of 15m, 30m, 1h, 3h, 6h, 12h, 24h; got '\(window)'")
        }
    }

    var windowSeconds: Int { Self.parseWindow(window) ?? 3600 }

    static func parseWindow(_ text: String) -> Int? {
        let seconds: Int?
        if text.hasSuffix("m") { seconds = Int(text.dropLast()).map { $0 * 60 } }
        else if text.hasSuffix("h") { seconds = Int(text.dropLast()).map { $0 * 3600 } }
        else { seconds = nil }
        guard let seconds, DashboardState.windows.contains(seconds) else { return nil }
        return seconds
    }

    var colorDisabled: Bool {
        noColor || !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The themes `t` cycles through, the chosen one first in line, plus any warnings.
    /// `monochromeFallback` picks the monochrome theme when no theme was asked for.
    func loadThemes(monochromeFallback: Bool) throws -> (themes: [Theme], index: Int, warnings: [String]) {
        var themes = BuiltinThemes.all
        let wanted = theme ?? (monochromeFallback ? "monochrome" : "default")
        do {
            let (chosen, warnings) = try ThemeLoader().load(wanted)
            if let i = themes.firstIndex(where: { $0.name == chosen.name }) {
                themes[i] = chosen
                return (themes, i, warnings.map(\.description))
            }
            themes.insert(chosen, at: 0)
            return (themes, 0, warnings.map(\.description))
        } catch {
            throw CLIError(String(describing: error))
        }
    }
}
