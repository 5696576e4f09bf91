import FleetCore
import Foundation

/// Instances by AZ: a column per zone with its counts and instances, trouble first.
struct InstancesPanel: Widget {
    var instances: [Instance]
    /// The fleet's zones, plus any zone an instance reports that the fleet did not name.
    var zones: [String]
    var focused: Bool
    var look: Look
    /// The instance under the row cursor (drawn reversed), while the panel is focused.
    var selected: String? = nil

    func render(_ area: Rect, into canvas: inout Canvas) {
        let theme = look.theme
        let inService = instances.filter { $0.lifecycle == .inService }.count
        let bad = instances.filter { $0.health.isBad }.count
        var title: [(String, Style)] = [("Instances by AZ", theme.style(.title)),
                                        ("\(instances.count) total, \(inService) in service", theme.style(.label))]
        if bad > 0 { title.append(("\(bad) unhealthy", theme.style(.unhealthy))) }
        let inner = Box(title: title, focused: focused, look: look).frame(area, into: &canvas)
        guard !zones.isEmpty, inner.height >= 1 else { return }
        // Tall enough for every instance on a full-width row: a block per zone, one under the other.
        // Wide enough for a readable column per zone: columns. Otherwise one list, trouble first,
        // each row led by its zone.
        if inner.height >= instances.count + zones.count {
            var y = inner.y
            for zone in zones {
                let rows = instances.filter { $0.zone == zone }.count + 1
                renderZone(zone, into: &canvas, area: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: rows))
                y += rows
            }
        } else if inner.width / zones.count >= 30 {
            for (zone, column) in zip(zones, inner.columns(zones.count)) {
                renderZone(zone, into: &canvas, area: Rect(x: column.x + 1, y: column.y, width: column.width - 1, height: column.height))
            }
        } else {
            renderList(zones, into: &canvas, area: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height))
        }
    }

    /// Narrow panels: a line of per-zone counts, then every instance, bad ones first.
    func renderList(_ zones: [String], into canvas: inout Canvas, area: Rect) {
        let theme = look.theme
        var x = area.x
        for zone in zones {
            let members = instances.filter { $0.zone == zone }
            let healthy = members.filter { $0.health == .healthy }.count
            let bad = members.filter { $0.health.isBad }.count
            x += canvas.write("\(Format.shortZone(zone)) ", x: x, y: area.y, style: theme.style(.title), maxWidth: area.maxX - x)
            x += canvas.write("\(healthy)ok ", x: x, y: area.y, style: theme.style(.healthy), maxWidth: area.maxX - x)
            x += canvas.write("\(bad)bad  ", x: x, y: area.y, style: theme.style(bad > 0 ? .unhealthy : .label), maxWidth: area.maxX - x)
        }
        let ordered = instances.sorted { a, b in
            a.health.displayRank != b.health.displayRank ? a.health.displayRank < b.health.displayRank
                : a.zone != b.zone ? a.zone < b.zone : a.id < b.id
        }
        let rows = area.height - 1
        guard rows > 0 else { return }
        let overflow = ordered.count > rows
        let shown = overflow ? rows - 1 : ordered.count
        for (i, instance) in ordered.prefix(shown).enumerated() {
            let y = area.y + 1 + i
            let zx = canvas.write(Format.shortZone(instance.zone) + " ", x: area.x, y: y, style: theme.style(.label))
            renderRow(instance, into: &canvas, x: area.x + zx, y: y, width: area.width - zx)
        }
        if overflow {
            canvas.write("+\(ordered.count - shown) more", x: area.x, y: area.y + rows, style: theme.style(.label))
        }
    }

    func renderZone(_ zone: String, into canvas: inout Canvas, area: Rect) {
        let theme = look.theme
        let instances = instances.filter { $0.zone == zone }.sorted(by: Instance.displayOrder)
        let healthy = instances.filter { $0.health == .healthy }.count
        let bad = instances.filter { $0.health.isBad }.count
        var x = area.x
        x += canvas.write(zone, x: x, y: area.y, style: theme.style(.title), maxWidth: area.maxX - x)
        x += canvas.write(" \(healthy) ok", x: x, y: area.y, style: theme.style(.healthy), maxWidth: area.maxX - x)
        canvas.write(" \(bad) bad", x: x, y: area.y, style: theme.style(bad > 0 ? .unhealthy : .label), maxWidth: area.maxX - x)
        let rows = area.height - 1
        guard rows > 0 else { return }
        let overflow = instances.count > rows
        let shown = overflow ? rows - 1 : instances.count
        for (i, instance) in instances.prefix(shown).enumerated() {
            renderRow(instance, into: &canvas, x: area.x, y: area.y + 1 + i, width: area.width)
        }
        if overflow {
            canvas.write("+\(instances.count - shown) more", x: area.x, y: area.y + rows, style: theme.style(.label))
        }
        if instances.isEmpty {
            canvas.write("no instances", x: area.x, y: area.y + 1, style: theme.style(.label), maxWidth: area.width)
        }
    }

    /// `i-0123456789abcdef0 InService healthy  41%`, shortened to fit narrow columns.
    func renderRow(_ instance: Instance, into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let theme = look.theme
        let wide = width >= 48
        let id = wide || instance.id.count <= 10 ? instance.id : (look.glyphs == .ascii ? "~" : "…") + instance.id.suffix(8)
        let lifecycle = wide ? instance.lifecycle.rawValue : Self.short(instance.lifecycle)
        let health = wide ? instance.health.rawValue : Self.short(instance.health)
        let cpu = instance.cpu.map { String(format: "%3.0f%%", $0) } ?? (look.glyphs == .ascii ? "   -" : "   –")
        let idWidth = wide ? max(20, id.count + 1) : id.count + 1
        let lifeWidth = wide ? 11 : 6
        let healthWidth = wide ? 10 : 7
        var cx = x
        let rowStyle = theme.style(instance.health.isBad ? .unhealthy : .mainFg)
        canvas.write(id, x: cx, y: y, style: rowStyle, maxWidth: x + width - cx)
        cx += idWidth
        canvas.write(lifecycle, x: cx, y: y, style: theme.style(Self.role(instance.lifecycle)), maxWidth: max(0, x + width - cx))
        cx += lifeWidth
        canvas.write(health, x: cx, y: y, style: theme.style(Self.role(instance.health)), maxWidth: max(0, x + width - cx))
        cx += healthWidth
        canvas.write(cpu, x: cx, y: y, style: theme.style((instance.cpu ?? 0) >= 70 ? .warning : .mainFg), maxWidth: max(0, x + width - cx))
        if wide, let latency = instance.latency {
            // A `/health` probe's latest check time, e.g. `3.1ms`.
            cx += 5
            canvas.write(Format.latency(latency), x: cx, y: y, style: theme.style(.label), maxWidth: max(0, x + width - cx))
            cx += 2
        }
        if wide, let reason = instance.reason, instance.health != .healthy {
            cx += 5
            canvas.write(reason, x: cx, y: y, style: theme.style(.label), maxWidth: max(0, x + width - cx))
        }
        if instance.id == selected {
            for col in max(0, x - 1)..<(x + width) { canvas.restyle(x: col, y: y) { $0.adding(.reverse) } }
        }
    }

    static func short(_ l: LifecycleState) -> String {
        switch l {
        case .pending: "Pend"
        case .inService: "InSvc"
        case .terminating: "Term"
        case .standby: "Stby"
        case .terminated: "Gone"
        }
    }

    static func short(_ h: TargetHealth) -> String {
        switch h {
        case .initial: "init"
        case .healthy: "ok"
        case .unhealthy: "UNHLT"
        case .draining: "drain"
        case .unused: "unused"
        case .unavailable: "unav"
        }
    }

    static func role(_ l: LifecycleState) -> ThemeRole {
        switch l {
        case .pending: .pending
        case .inService: .mainFg
        case .terminating, .terminated: .draining
        case .standby: .label
        }
    }

    static func role(_ h: TargetHealth) -> ThemeRole {
        switch h {
        case .healthy: .healthy
        case .unhealthy, .unavailable: .unhealthy
        case .initial: .initial
        case .draining: .draining
        case .unused: .label
        }
    }
}
