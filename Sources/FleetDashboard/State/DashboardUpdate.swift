import FleetCore
import Foundation

extension DashboardState {
    /// Applies one event and returns what the loop must do about it. Pure: no I/O, no clock reads.
    @discardableResult
    public mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        case .tick(let now):
            self.now = now
            if replay == nil { advanceWallClock(to: now) }
        case .clock(let wall):
            advanceWallClock(to: wall)
        case .exported(let text):
            if scalingWhatIf != nil { scalingWhatIf?.exportText = text } else { preview?.exportText = text }
        case .fleet(let state):
            // Against the newest state received (a paused screen holds it aside, but time goes on).
            let raised = AlarmStatus.raised(from: (pendingFleet ?? fleet).alarms, to: state.alarms)
            if paused {
                pendingFleet = state
            } else {
                fleet = state
                refreshPreview()
                refreshScaling()
            }
            return raised.map { .alarmRaised(fleet: state.fleet.name, alarm: $0.name) }
        case .key(let key):
            notices.removeAll()
            return handle(key)
        case .mouse(let mouse):
            notices.removeAll()
            return handle(mouse)
        }
        return []
    }

    mutating func handle(_ key: Key) -> [DashboardEffect] {
        let mode = keyMode
        let action = keyMap.action(for: key, in: mode)
        if action == .quit { return [.quit] }
        if mode == .help {
            // Any key closes help; `?` and Esc most of all.
            showHelp = false
            return []
        }
        if isTooSmall { return [] }
        if mode == .preview, preview?.showExport == true {
            // Any key closes the export text.
            preview?.showExport = false
            preview?.exportText = nil
            return []
        }
        if mode == .scaling, scalingWhatIf?.showExport == true {
            scalingWhatIf?.showExport = false
            scalingWhatIf?.exportText = nil
            return []
        }
        guard let action else { return [] }
        return perform(action)
    }

    /// Does what `action` means on the current screen.
    mutating func perform(_ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case .quit: return [.quit]
        case .help: showHelp = true
        case .pause:
            if replay != nil {
                replay?.paused.toggle()  // shown at once; the loop confirms
                return [.replay(.togglePause)]
            }
            togglePause()
        case .zoomIn: windowIndex = max(0, windowIndex - 1)
        case .zoomOut: windowIndex = min(Self.windows.count - 1, windowIndex + 1)
        case .focusNext: cycleFocus(by: 1)
        case .focusPrevious: cycleFocus(by: -1)
        case .focusLeft: moveFocus(columns: -1, rows: 0)
        case .focusRight: moveFocus(columns: 1, rows: 0)
        case .focusUp: if !moveCursor(by: -1) { moveFocus(columns: 0, rows: -1) }
        case .focusDown: if !moveCursor(by: 1) { moveFocus(columns: 0, rows: 1) }
        case .fullScreen:
            if focus == .instances, let id = cursorInstance?.id {
                openInstance = id
            } else {
                zoomed.toggle()
            }
        case .back:
            if showEvents { showEvents = false } else { zoomed = false }
        case .closeInstance: openInstance = nil
        case .events: showEvents.toggle()
        case .lowerLeft: lowerLeft = lowerLeft == .unhealthy ? .errors : .unhealthy
        case .stack: requestsStacked.toggle()
        case .theme: themeIndex = (themeIndex + 1) % themes.count
        case .glyphs: glyphs = glyphs.next
        case .alarmPreview: openPreview()
        case .slower: return [.replay(.slower)]
        case .faster: return [.replay(.faster)]
        case .seekBack: return [.replay(.stepBackward)]
        case .seekForward: return [.replay(.stepForward)]
        case .toStart: return [.replay(.toStart)]
        case .toEnd: return [.replay(.toEnd)]
        case .thresholdUp, .thresholdDown, .thresholdUp10, .thresholdDown10, .periodsUp, .periodsDown,
             .datapointsUp, .datapointsDown, .statistic, .period, .missingData, .comparison, .undo, .export,
             .nextAlarm, .closePreview:
            if scalingWhatIf != nil { return performScaling(action) }
            return performPreview(action)
        case .scalingView, .targetUp, .targetDown, .targetUp10, .targetDown10, .lowRatioUp, .lowRatioDown,
             .warmupUp, .warmupDown, .minUp, .minDown, .maxUp, .maxDown, .scaleIn, .nextPolicy:
            return performScaling(action)
        case .filter, .jump, .openFleet, .selectUp, .selectDown, .pageUp, .pageDown, .selectFirst, .selectLast,
             .accept, .cancel, .complete, .erase:
            break  // the overview's (OverviewState)
        }
        return []
    }

    mutating func togglePause() {
        paused.toggle()
        if !paused, let pending = pendingFleet {
            fleet = pending
            pendingFleet = nil
            refreshPreview()
            refreshScaling()
        }
    }
}
