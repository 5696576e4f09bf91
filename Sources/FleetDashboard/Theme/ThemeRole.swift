/// Every key a theme file may set. Keys ending in `_bg` are background colours; the others are a
/// foreground colour and attributes.
public enum ThemeRole: String, Sendable, Hashable, CaseIterable {
    case mainBg = "main_bg"
    case mainFg = "main_fg"
    case title
    case border
    case focusBorder = "focus_border"
    case label
    case headerBg = "header_bg"
    case headerFg = "header_fg"
    case statusBg = "status_bg"
    case statusFg = "status_fg"
    case keyHint = "key_hint"
    case cpuLine = "cpu_line"
    case requestsLine = "requests_line"
    case targetLine = "target_line"
    case thresholdLine = "threshold_line"
    case zone1 = "zone_1"
    case zone2 = "zone_2"
    case zone3 = "zone_3"
    case healthy
    case unhealthy
    case initial
    case draining
    case pending
    case warning
    case error
    case alarmOk = "alarm_ok"
    case alarmAlarm = "alarm_alarm"
    case alarmInsufficient = "alarm_insufficient"
    case alarmShadeBg = "alarm_shade_bg"
    case breachMark = "breach_mark"
    case helpBg = "help_bg"
    case helpFg = "help_fg"

    public var isBackground: Bool { rawValue.hasSuffix("_bg") }
}
