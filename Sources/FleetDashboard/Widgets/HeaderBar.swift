import FleetCore
import Foundation

/// The top line: fleet, region, sources and their data age, clock, window, pause.
struct HeaderBar {
    var state: DashboardState

    func render(into canvas: inout Canvas, area: Rect, theme: Theme) {
        let bgAttrs = theme.backgroundAttributes(.headerBg)
        let base = theme.style(.headerFg, on: .headerBg).adding(bgAttrs)
        canvas.fill(area, style: base)
        let fleet = state.fleet
        var parts: [(String, Style)] = [
            (" fleetwatch ", theme.style(.title, on: .headerBg).adding(bgAttrs)),
            ("\(fleet.fleet.name) · \(fleet.fleet.region)", base),
        ]
        if let mode = state.modeLabel { parts.append((mode, theme.style(.keyHint, on: .headerBg).adding(bgAttrs))) }
        for source in fleet.sources {
            let age = Format.duration(source.age(at: state.now))
            let label = (source.detail.isEmpty ? source.name : source.detail) + " \(age) ago"
            let role: ThemeRole = switch source.health {
            case .ok: .headerFg
            case .stale: .warning
            case .error: .error
            }
            parts.append((label, theme.style(role, on: .headerBg).adding(bgAttrs)))
        }
        parts.append(("window \(Format.window(state.windowSeconds))", base))
        if let newest = fleet.newestDatapoint, state.windowEnd < fleet.time {
            parts.append(("data \(Format.duration(Int(fleet.time.timeIntervalSince(newest)))) old",
                          theme.style(.warning, on: .headerBg).adding(bgAttrs)))
        }
        var x = area.x
        for (i, (text, style)) in parts.enumerated() {
            if i > 1 { x += canvas.write(state.glyphs == .ascii ? " | " : " │ ", x: x, y: area.y, style: base, maxWidth: area.maxX - x) }
            else if i == 1 { x += canvas.write(" ", x: x, y: area.y, style: base, maxWidth: area.maxX - x) }
            x += canvas.write(text, x: x, y: area.y, style: style, maxWidth: area.maxX - x)
        }
        let clock = Format.dateTime(fleet.time) + " "
        var candidates = [clock]
        if let replay = state.replay {
            // Replaying, the position matters more than the date: drop the date when short of room.
            let label = replay.label + (replay.atEnd ? " END" : "") + " "
            candidates = [label + " " + clock, label]
        }
        if state.isPaused { candidates = candidates.map { "PAUSED  " + $0 } }
        let style = state.isPaused ? theme.style(.warning, on: .headerBg).adding(bgAttrs.union(.bold)) : base
        if let right = candidates.first(where: { area.maxX - $0.count > x + 1 }) {
            canvas.write(right, x: area.maxX - right.count, y: area.y, style: style)
        }
    }
}
