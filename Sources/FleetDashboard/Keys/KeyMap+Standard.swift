extension KeyMap {
    private static let screens: Set<KeyMode> = [.live, .replay]
    private static let everywhere: Set<KeyMode> = [.live, .replay, .preview, .scaling, .help, .instance, .overview]

    /// The keys fleetwatch ships with.
    public static let standard = KeyMap(bindings: [
        KeyBinding(.quit, [.char("q"), .char("Q"), .ctrl("c")], "quit", everywhere),
        KeyBinding(.help, [.char("?"), .char("h"), .function(1)], "show or hide this help", everywhere),
        KeyBinding(.pause, [.char("p"), .char(" ")], "pause or resume (replaying: the replay clock)", [.live, .replay, .preview, .scaling, .instance]),
        KeyBinding(.zoomIn, [.char("+"), .char("=")], "zoom the time window in (down to 15m)", screens.union([.instance])),
        KeyBinding(.zoomOut, [.char("-"), .char("_")], "zoom the time window out (up to 24h)", screens.union([.instance])),
        KeyBinding(.focusNext, [.tab], "focus the next panel", screens),
        KeyBinding(.focusPrevious, [.backTab], "focus the previous panel", screens),
        KeyBinding(.focusLeft, [.left], "move focus across", [.live]),
        KeyBinding(.focusRight, [.right], "move focus across", [.live]),
        KeyBinding(.focusUp, [.up], "move focus up / down (in the instances panel: the row cursor)", screens),
        KeyBinding(.focusDown, [.down], "move focus up / down (in the instances panel: the row cursor)", screens),
        KeyBinding(.fullScreen, [.enter], "focused panel full screen, and back; on an instance row: open that instance", screens),
        KeyBinding(.back, [.escape], "leave full screen; with several fleets: back to the overview", screens),
        KeyBinding(.stack, [.char("s")], "requests: split or stacked by AZ", screens),
        KeyBinding(.alarmPreview, [.char("a")], "alarm threshold preview: what if the alarm were…", screens),
        KeyBinding(.events, [.char("e")], "events, newest first: show or hide the overlay", screens),
        KeyBinding(.lowerLeft, [.char("l")], "lower-left panel: unhealthy hosts or errors and latency", screens),
        KeyBinding(.closeInstance, [.escape, .backspace], "back to the dashboard", [.instance]),
        KeyBinding(.theme, [.char("t")], "next theme", [.live, .replay, .preview, .scaling, .instance, .overview]),
        KeyBinding(.glyphs, [.char("g")], "next chart glyphs (braille, block, ascii)", [.live, .replay, .preview, .scaling, .instance, .overview]),
        KeyBinding(.slower, [.char("[")], "replay slower (down to ×1)", [.replay]),
        KeyBinding(.faster, [.char("]")], "replay faster (up to ×600)", [.replay]),
        KeyBinding(.seekBack, [.left], "seek back (1 min × speed/10)", [.replay]),
        KeyBinding(.seekForward, [.right], "seek forward (1 min × speed/10)", [.replay]),
        KeyBinding(.toStart, [.home], "start of the recording", [.replay]),
        KeyBinding(.toEnd, [.end], "end of the recording", [.replay]),
        KeyBinding(.thresholdUp, [.up], "threshold up", [.preview]),
        KeyBinding(.thresholdDown, [.down], "threshold down", [.preview]),
        KeyBinding(.thresholdUp10, [.pageUp], "threshold up ten steps", [.preview]),
        KeyBinding(.thresholdDown10, [.pageDown], "threshold down ten steps", [.preview]),
        KeyBinding(.periodsUp, [.char("n")], "one more evaluation period", [.preview]),
        KeyBinding(.periodsDown, [.char("N")], "one evaluation period fewer", [.preview]),
        KeyBinding(.datapointsUp, [.char("m")], "one more datapoint to alarm", [.preview]),
        KeyBinding(.datapointsDown, [.char("M")], "one datapoint to alarm fewer", [.preview]),
        KeyBinding(.statistic, [.char("s")], "next statistic", [.preview]),
        KeyBinding(.period, [.char("r")], "next period", [.preview]),
        KeyBinding(.missingData, [.char("x")], "next missing-data treatment", [.preview]),
        KeyBinding(.comparison, [.char("c")], "next comparison", [.preview]),
        KeyBinding(.undo, [.char("u")], "undo: back to the alarm (scaling view: the policies) as defined", [.preview, .scaling]),
        KeyBinding(.export, [.char("w")], "the edited alarm as Terraform and put-metric-alarm (printed at exit), and the preview as <alarm>-preview.svg; scaling view: the edited policy as Terraform", [.preview, .scaling]),
        KeyBinding(.nextAlarm, [.tab], "next alarm", [.preview]),
        KeyBinding(.closePreview, [.escape, .char("a")], "leave the preview", [.preview, .scaling]),
        KeyBinding(.scalingView, [.char("v")], "scaling view: what the group's scaling policies would have done (and back)", [.preview, .scaling]),
        KeyBinding(.targetUp, [.up], "target value up (target tracking)", [.scaling]),
        KeyBinding(.targetDown, [.down], "target value down (target tracking)", [.scaling]),
        KeyBinding(.targetUp10, [.pageUp], "target value up ten steps", [.scaling]),
        KeyBinding(.targetDown10, [.pageDown], "target value down ten steps", [.scaling]),
        KeyBinding(.lowRatioUp, [.char("r")], "scale-in threshold ratio up 0.05 (an assumption: AWS sets it)", [.scaling]),
        KeyBinding(.lowRatioDown, [.char("R")], "scale-in threshold ratio down 0.05", [.scaling]),
        KeyBinding(.warmupUp, [.char("i")], "instance warm-up one minute longer (target tracking, step)", [.scaling]),
        KeyBinding(.warmupDown, [.char("I")], "instance warm-up one minute shorter", [.scaling]),
        KeyBinding(.minUp, [.char("m")], "the group's minimum size up one", [.scaling]),
        KeyBinding(.minDown, [.char("M")], "the group's minimum size down one", [.scaling]),
        KeyBinding(.maxUp, [.char("x")], "the group's maximum size up one", [.scaling]),
        KeyBinding(.maxDown, [.char("X")], "the group's maximum size down one", [.scaling]),
        KeyBinding(.scaleIn, [.char("d")], "toggle disable_scale_in (target tracking)", [.scaling]),
        KeyBinding(.nextPolicy, [.tab], "next policy", [.scaling]),
        KeyBinding(.selectUp, [.up], "select the fleet above / below", [.overview]),
        KeyBinding(.selectDown, [.down], "select the fleet above / below", [.overview]),
        KeyBinding(.pageUp, [.pageUp], "a page up / down", [.overview]),
        KeyBinding(.pageDown, [.pageDown], "a page up / down", [.overview]),
        KeyBinding(.selectFirst, [.home], "first / last fleet", [.overview]),
        KeyBinding(.selectLast, [.end], "first / last fleet", [.overview]),
        KeyBinding(.openFleet, [.enter], "open the selected fleet's dashboard (Esc comes back)", [.overview]),
        KeyBinding(.filter, [.char("/")], "filter the fleets: text matches name, region or account; /regex/ a regular expression", [.overview]),
        KeyBinding(.jump, [.char(":")], "jump to a fleet by name (Tab completes)", [.overview]),
        KeyBinding(.accept, [.enter], "filter or jump: done", [.prompt]),
        KeyBinding(.cancel, [.escape], "filter: clear it; jump: give up", [.prompt]),
        KeyBinding(.complete, [.tab], "complete the fleet's name", [.prompt]),
        KeyBinding(.erase, [.backspace], "erase the last character", [.prompt]),
    ])

    /// The status line's entries in each mode, most useful first (cut where the line ends).
    static let hints: [KeyMode: [KeyHint]] = [
        .live: [
            KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.pause], "pause"),
            KeyHint([.zoomIn, .zoomOut], "zoom"), KeyHint([.focusNext], "focus"), KeyHint([.fullScreen], "full screen"),
            KeyHint([.alarmPreview], "alarm preview"), KeyHint([.theme], "theme"), KeyHint([.glyphs], "glyphs"),
            KeyHint([.stack], "stack"), KeyHint([.events], "events"), KeyHint([.lowerLeft], "errors"),
        ],
        .replay: [
            KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.pause], "pause"),
            KeyHint([.slower, .faster], "speed", joiner: " "), KeyHint([.seekBack, .seekForward], "seek", joiner: " "),
            KeyHint([.toStart, .toEnd], "start/end"), KeyHint([.zoomIn, .zoomOut], "zoom"), KeyHint([.focusNext], "focus"),
            KeyHint([.fullScreen], "full screen"), KeyHint([.alarmPreview], "alarm preview"),
            KeyHint([.events], "events"),
        ],
        .preview: [
            KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.closePreview], "leave"),
            KeyHint([.export], "export"), KeyHint([.nextAlarm], "next alarm"), KeyHint([.undo], "undo"),
            KeyHint([.pause], "pause"), KeyHint([.scalingView], "scaling"),
        ],
        .scaling: [
            KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.closePreview], "leave"),
            KeyHint([.export], "export"), KeyHint([.nextPolicy], "next policy"), KeyHint([.undo], "undo"),
            KeyHint([.scalingView], "alarm preview"), KeyHint([.pause], "pause"),
        ],
        .help: [KeyHint([.help], "close help"), KeyHint([.quit], "quit")],
        .overview: [
            KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.openFleet], "open"),
            KeyHint([.filter], "filter"), KeyHint([.jump], "jump"), KeyHint([.selectUp, .selectDown], "select", joiner: ""),
            KeyHint([.theme], "theme"), KeyHint([.glyphs], "glyphs"),
        ],
        .prompt: [KeyHint([.accept], "done"), KeyHint([.cancel], "cancel"), KeyHint([.complete], "complete")],
        .instance: [
            KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.closeInstance], "back"),
            KeyHint([.zoomIn, .zoomOut], "zoom"), KeyHint([.pause], "pause"),
        ],
    ]

    /// The alarm preview's own line of keys, under its summary.
    static let previewHints: [KeyHint] = [
        KeyHint([.thresholdUp, .thresholdDown], "threshold", joiner: ""), KeyHint([.thresholdUp10, .thresholdDown10], "×10"),
        KeyHint([.periodsUp, .periodsDown], "periods"), KeyHint([.datapointsUp, .datapointsDown], "datapoints"),
        KeyHint([.statistic], "statistic"), KeyHint([.period], "period"), KeyHint([.missingData], "missing"),
        KeyHint([.comparison], "compare"), KeyHint([.undo], "undo"), KeyHint([.export], "export"),
        KeyHint([.nextAlarm], "next"), KeyHint([.scalingView], "scaling"), KeyHint([.closePreview], "leave"),
    ]

    /// The scaling view's own line of keys, under its summary.
    static let scalingHints: [KeyHint] = [
        KeyHint([.targetUp, .targetDown], "target", joiner: ""), KeyHint([.targetUp10, .targetDown10], "×10"),
        KeyHint([.lowRatioUp, .lowRatioDown], "scale-in ratio"), KeyHint([.warmupUp, .warmupDown], "warm-up"),
        KeyHint([.minUp, .minDown], "min"), KeyHint([.maxUp, .maxDown], "max"), KeyHint([.scaleIn], "scale-in"),
        KeyHint([.nextPolicy], "next"), KeyHint([.undo], "undo"), KeyHint([.export], "export"),
        KeyHint([.scalingView], "alarms"), KeyHint([.closePreview], "leave"),
    ]
}
