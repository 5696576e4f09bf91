import FleetCore
import Foundation

/// One line listing each alarm with its state and since when.
struct AlarmStrip: Widget {
    var alarms: [AlarmStatus]
    /// The fleet's clock, for "since … (for how long)".
    var time: Date
    var theme: Theme

    func render(_ area: Rect, into canvas: inout Canvas) {
        canvas.fill(area, style: theme.style(.mainFg))
        var x = area.x + 1
        x += canvas.write("Alarms ", x: x, y: area.y, style: theme.style(.label), maxWidth: area.maxX - x)
        if alarms.isEmpty {
            canvas.write("none defined", x: x, y: area.y, style: theme.style(.label), maxWidth: area.maxX - x)
            return
        }
        for alarm in alarms.sorted(by: AlarmStrip.order) {
            let badge = " \(alarm.state.rawValue) "
            x += canvas.write(badge, x: x, y: area.y, style: theme.style(AlarmStrip.role(alarm.state)), maxWidth: area.maxX - x)
            let d = alarm.definition
            var text = " \(alarm.name) (\(d.metricName) \(d.comparison.symbol) \(Chart.trim(d.threshold)), \(d.datapointsToAlarm) of \(d.evaluationPeriods) × \(Format.duration(d.period)))"
            if let since = alarm.since {
                text += " since \(Chart.clock(since, seconds: false)) (\(Format.duration(Int(saturating: time.timeIntervalSince(since)))))"
            }
            x += canvas.write(text + "   ", x: x, y: area.y, style: theme.style(.mainFg), maxWidth: area.maxX - x)
            if x >= area.maxX { break }
        }
    }

    static func role(_ s: AlarmState) -> ThemeRole {
        switch s {
        case .ok: .alarmOk
        case .alarm: .alarmAlarm
        case .insufficientData: .alarmInsufficient
        }
    }

    /// Alarms in ALARM first, then by name.
    static func order(_ a: AlarmStatus, _ b: AlarmStatus) -> Bool {
        let ra = a.state == .alarm ? 0 : 1, rb = b.state == .alarm ? 0 : 1
        return ra != rb ? ra < rb : a.name < b.name
    }
}
