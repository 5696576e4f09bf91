/// The overview of a recording of several fleets: the replay clock's keys act on every fleet from the
/// overview too (``OverviewState/replayKey(_:)``), where the overview does not bind the key itself
/// (Home/End select the first/last fleet there; open a fleet for the start/end of the recording).
extension KeyMap {
    /// The replay actions the overview takes when replaying.
    static let overviewReplayActions: Set<DashboardAction> = [.pause, .slower, .faster, .seekBack, .seekForward, .toStart, .toEnd]

    static let overviewReplayHints: [KeyHint] = [
        KeyHint([.quit], "quit"), KeyHint([.help], "help"), KeyHint([.pause], "pause"),
        KeyHint([.slower, .faster], "speed", joiner: " "), KeyHint([.seekBack, .seekForward], "seek", joiner: " "),
        KeyHint([.openFleet], "open"), KeyHint([.filter], "filter"), KeyHint([.jump], "jump"),
        KeyHint([.selectUp, .selectDown], "select", joiner: ""), KeyHint([.theme], "theme"), KeyHint([.glyphs], "glyphs"),
    ]

    /// The overview's status line entries: replaying, the replay clock's first.
    public func overviewStatusHints(replaying: Bool) -> [(keys: String, label: String)] {
        replaying ? hintTexts(Self.overviewReplayHints) : statusHints(for: .overview)
    }

    /// The replay clock's rows of the help overlay over the overview of a recording: the replay
    /// bindings, without the keys the overview binds itself.
    public var overviewReplayHelpRows: [(keys: String, text: String)] {
        let clockBindings = bindings.compactMap { binding -> KeyBinding? in
            guard Self.overviewReplayActions.contains(binding.action), binding.modes.contains(.replay) else { return nil }
            var kept = binding
            kept.keys = binding.keys.filter { action(for: $0, in: .overview) == nil }
            return kept.keys.isEmpty ? nil : kept
        }
        return KeyMap(bindings: clockBindings).helpRows(for: .replay)
    }
}
