import FleetCore

extension DashboardState {
    /// Opens the preview on the first alarm in ALARM (or the first alarm), if there is one.
    mutating func openPreview() {
        let alarms = fleet.alarms
        guard !alarms.isEmpty else {
            if scaling != nil {
                openScaling()
                return
            }
            post("no alarms to preview: add some with --config (alarms:)")
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

    /// The preview's own actions.
    mutating func performPreview(_ action: DashboardAction) -> [DashboardEffect] {
        guard var p = preview else { return [] }
        var effects: [DashboardEffect] = []
        switch action {
        case .closePreview:
            preview = nil
            return []
        case .thresholdUp: p.nudgeThreshold(up: true, coarse: false)
        case .thresholdDown: p.nudgeThreshold(up: false, coarse: false)
        case .thresholdUp10: p.nudgeThreshold(up: true, coarse: true)
        case .thresholdDown10: p.nudgeThreshold(up: false, coarse: true)
        case .periodsUp: p.changeEvaluationPeriods(by: 1)
        case .periodsDown: p.changeEvaluationPeriods(by: -1)
        case .datapointsUp: p.changeDatapointsToAlarm(by: 1)
        case .datapointsDown: p.changeDatapointsToAlarm(by: -1)
        case .statistic: p.cycleStatistic()
        case .period: p.cyclePeriod()
        case .missingData: p.cycleTreatMissingData()
        case .comparison: p.cycleComparison()
        case .undo: p.edited = p.original
        case .export:
            p.showExport = true
            effects.append(.export(p.edited))
            effects.append(.writeChart(fileName: p.chartFileName, svg: p.chart(theme: theme).svg()))
        case .nextAlarm:
            let next = (p.alarmIndex + 1) % fleet.alarms.count
            p = AlarmPreview(alarmIndex: next, definition: fleet.alarms[next].definition)
        default:
            return []
        }
        preview = p
        refreshPreview()
        return effects
    }
}
