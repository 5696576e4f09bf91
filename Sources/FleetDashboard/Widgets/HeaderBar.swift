import FleetCore
import Foundation

/// The top line: fleet, region, sources and their data age, clock, window, pause.
struct HeaderBar: Widget {
    /// A source as the header shows it: `mock 3s ago`, coloured by health.
    struct SourceLabel {
        var text: String
        var health: SourceStatus.Health
    }

    /// `erato-backend · us-east-1`.
    var fleetTitle: String
    var modeLabel: String?
    var sources: [SourceLabel]
    var windowSeconds: Int
    /// Seconds between the fleet's clock and its newest datapoint, when the window ends there.
    var dataAge: Int?
    /// The fleet's clock.
    var time: Date
    var replay: ReplayStatus?
    var paused: Bool
    var look: Look
    /// The newest minute's 5XX responses (target and ELB) as a share of requests, when known.
    var fiveXXRate: Double? = nil

    /// Draws the left part (name, mode, sources, window); returns the column after it.
    @discardableResult
    func renderLeft(_ area: Rect, into canvas: inout Canvas) -> Int {
        let theme = look.theme
        let bgAttrs = theme.backgroundAttributes(.headerBg)
        let base = theme.style(.headerFg, on: .headerBg).adding(bgAttrs)
        canvas.fill(area, style: base)
        var parts: [(String, Style)] = [
            (" fleetwatch ", theme.style(.title, on: .headerBg).adding(bgAttrs)),
            (fleetTitle, base),
        ]
        if let modeLabel { parts.append((modeLabel, theme.style(.keyHint, on: .headerBg).adding(bgAttrs))) }
        for source in sources {
            let role: ThemeRole = switch source.health {
            case .ok: .headerFg
            case .stale: .warning
            case .error: .error
            }
            parts.append((source.text, theme.style(role, on: .headerBg).adding(bgAttrs)))
        }
        if let fiveXXRate {
            let percent = fiveXXRate * 100
            let text = percent == 0 ? "5XX 0%" : percent < 0.1 ? "5XX <0.1%" : "5XX \(Format.oneDecimal(percent))%"
            parts.append((text, percent >= 1 ? theme.style(.error, on: .headerBg).adding(bgAttrs.union(.bold))
                : percent > 0 ? theme.style(.warning, on: .headerBg).adding(bgAttrs) : base))
        }
        parts.append(("window \(Format.window(windowSeconds))", base))
        if let dataAge {
            parts.append(("data \(Format.duration(dataAge)) old", theme.style(.warning, on: .headerBg).adding(bgAttrs)))
        }
        var x = area.x
        for (i, (text, style)) in parts.enumerated() {
            if i > 1 { x += canvas.write(look.glyphs == .ascii ? " | " : " │ ", x: x, y: area.y, style: base, maxWidth: area.maxX - x) }
            else if i == 1 { x += canvas.write(" ", x: x, y: area.y, style: base, maxWidth: area.maxX - x) }
            x += canvas.write(text, x: x, y: area.y, style: style, maxWidth: area.maxX - x)
        }
        return x
    }

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = look.theme
        let bgAttrs = theme.backgroundAttributes(.headerBg)
        let base = theme.style(.headerFg, on: .headerBg).adding(bgAttrs)
        let x = renderLeft(area, into: &canvas)
        let style = paused ? theme.style(.warning, on: .headerBg).adding(bgAttrs.union(.bold)) : base
        if let right = rightText(from: x, in: area) {
            canvas.write(right, x: area.maxX - right.count, y: area.y, style: style)
        }
    }

    /// The columns of `replay 00:42:10 / 02:00:00 ×20` in the header, when it is shown: a click
    /// there seeks to the same fraction of the recording.
    func replaySpan(in area: Rect) -> Range<Int>? {
        guard let replay else { return nil }
        var scratch = Canvas(width: area.maxX, height: area.maxY)
        let x = renderLeft(area, into: &scratch)
        guard let right = rightText(from: x, in: area), let label = right.range(of: replay.label) else { return nil }
        let start = area.maxX - right.count + right.distance(from: right.startIndex, to: label.lowerBound)
        return start..<start + replay.label.count
    }

    /// The right end: the clock, or while replaying the replay position (and the clock when it fits).
    func rightText(from x: Int, in area: Rect) -> String? {
        Self.rightText(time: time, replay: replay, paused: paused, from: x, in: area)
    }

    /// The header's right end (the overview's too): the clock, or while replaying the replay position and
    /// the clock when it fits; nil when neither fits right of `x`.
    static func rightText(time: Date, replay: ReplayStatus?, paused: Bool, from x: Int, in area: Rect) -> String? {
        rightCandidates(time: time, replay: replay, paused: paused).first { area.maxX - $0.count > x + 1 }
    }

    /// What the right end may show, longest first.
    static func rightCandidates(time: Date, replay: ReplayStatus?, paused: Bool) -> [String] {
        let clock = Format.dateTime(time) + " "
        var candidates = [clock]
        if let replay {
            // Replaying, the position matters more than the date: drop the date when short of room.
            let label = replay.label + (replay.atEnd ? " END" : "") + " "
            candidates = [label + " " + clock, label]
        }
        if paused { candidates = candidates.map { "PAUSED  " + $0 } }
        return candidates
    }
}
