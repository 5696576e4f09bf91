/// Everything a key can do. The raw value is the name a keys file uses (`zoom_in: ["+", "="]`).
public enum DashboardAction: String, Sendable, Hashable, CaseIterable {
    case quit, help, pause
    case zoomIn = "zoom_in", zoomOut = "zoom_out"
    case focusNext = "focus_next", focusPrevious = "focus_previous"
    case focusLeft = "focus_left", focusRight = "focus_right", focusUp = "focus_up", focusDown = "focus_down"
    case fullScreen = "full_screen", back
    case stack, theme, glyphs
    case alarmPreview = "alarm_preview"
    // Events, errors and one instance.
    case events
    case lowerLeft = "lower_left"
    case closeInstance = "close_instance"
    // The replay clock.
    case slower, faster
    case seekBack = "seek_back", seekForward = "seek_forward"
    case toStart = "to_start", toEnd = "to_end"
    // The alarm preview.
    case thresholdUp = "threshold_up", thresholdDown = "threshold_down"
    case thresholdUp10 = "threshold_up_10", thresholdDown10 = "threshold_down_10"
    case periodsUp = "periods_up", periodsDown = "periods_down"
    case datapointsUp = "datapoints_up", datapointsDown = "datapoints_down"
    case statistic, period
    case missingData = "missing_data"
    case comparison, undo, export
    case nextAlarm = "next_alarm"
    case closePreview = "close_preview"
    // The scaling view of the preview.
    case scalingView = "scaling_view"
    case targetUp = "target_up", targetDown = "target_down"
    case targetUp10 = "target_up_10", targetDown10 = "target_down_10"
    case lowRatioUp = "low_ratio_up", lowRatioDown = "low_ratio_down"
    case warmupUp = "warmup_up", warmupDown = "warmup_down"
    case minUp = "min_up", minDown = "min_down"
    case maxUp = "max_up", maxDown = "max_down"
    case scaleIn = "scale_in"
    case nextPolicy = "next_policy"
    // The overview of several fleets, and its prompt (`/` filter, `:` jump).
    case filter, jump
    case openFleet = "open_fleet"
    case selectUp = "select_up", selectDown = "select_down"
    case pageUp = "page_up", pageDown = "page_down"
    case selectFirst = "select_first", selectLast = "select_last"
    case accept, cancel, complete, erase
}
