import FleetCore

extension DashboardState {
    /// Opens the preview on the first alarm in ALARM (or the first alarm), if there is one.
    mutating func openPreview() {
        let alarms = fleet.alarms
        guard !alarms.isEmpty else {
            notices.append("no alarms to preview: add some with --config (alarms:)")
            return
        }
        let index = alarms.firstIndex { $0.state == .alarm } ?? 0
        preview = AlarmPreview(alarmIndex: index, definition: alarms[index].definition)
        refreshPreview()
    }

    /// Re-evaluates the preview over the fleet's data (after an edit or new data).
    mutating func refreshPreview() {
        guard var p = preview else { return }
        if p.alarmIndex >= fleet.alarms.count {
            preview = nil
            return
        }
        p.evaluate(points: fleet.points(forAlarm: p.original))
        preview = p
    }

    /// Keys while previewing. Returns false for keys the preview leaves to the dashboard.
    mutating func handlePreviewKey(_ key: Key) -> Bool {
        guard var p = preview else { return false }
        if p.showExport {
            // Any key closes the export text; `w` again keeps it for printing at exit.
            p.showExport = false
            preview = p
            return true
        }
        switch key {
        case .escape, .char("a"):
            preview = nil
            return true
        case .up: p.nudgeThreshold(up: true, coarse: false)
        case .down: p.nudgeThreshold(up: false, coarse: false)
        case .pageUp: p.nudgeThreshold(up: true, coarse: true)
        case .pageDown: p.nudgeThreshold(up: false, coarse: true)
        case .char("n"): p.changeEvaluationPeriods(by: 1)
        case .char("N"): p.changeEvaluationPeriods(by: -1)
        case .char("m"): p.changeDatapointsToAlarm(by: 1)
        case .char("M"): p.changeDatapointsToAlarm(by: -1)
        case .char("s"): p.cycleStatistic()
        case .char("r"): p.cyclePeriod()
        case .char("x"): p.cycleTreatMissingData()
        case .char("c"): p.cycleComparison()
        case .char("u"): p.edited = p.original
        case .char("w"):
            p.showExport = true
            exports.append(p.edited.terraform + "\n\n" + p.edited.putMetricAlarmCommand)
        case .tab:
            let next = (p.alarmIndex + 1) % fleet.alarms.count
            p = AlarmPreview(alarmIndex: next, definition: fleet.alarms[next].definition)
        default:
            return false
        }
        preview = p
        refreshPreview()
        return true
    }
}
