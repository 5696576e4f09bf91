/// Where the dashboard is, as far as keys go: each binding applies in some of these.
public enum KeyMode: String, Sendable, Hashable, CaseIterable {
    /// The four panels on live data.
    case live
    /// The four panels on a recording: the replay clock's keys take over some of the live ones.
    case replay
    /// The alarm threshold preview (`a`).
    case preview
    /// The preview's scaling view (`v` in the alarm preview): the group's policies replayed, and what if.
    case scaling
    /// The help overlay: its own keys, and any other key closes it.
    case help
    /// One instance's view (`Enter` on an instance row).
    case instance
    /// The overview of several fleets (a configuration's `fleets:`, or `--fleets N`).
    case overview
    /// Typing in the overview's prompt: a filter (`/`) or a fleet's name (`:`); keys without a
    /// binding here are typed.
    case prompt
}

extension DashboardState {
    /// The mode under the help overlay: scaling, preview, instance, replay or live.
    public var screenMode: KeyMode {
        scalingWhatIf != nil ? .scaling : preview != nil ? .preview : openInstance != nil ? .instance : replay != nil ? .replay : .live
    }

    /// The mode keys are looked up in.
    public var keyMode: KeyMode { showHelp ? .help : screenMode }
}
