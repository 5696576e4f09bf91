/// One line of the key map: the keys that do an action, what help says about it, and the modes
/// where it applies. Help, the status line, `--help` and the README are all written from these,
/// so what they say can never drift from what the keys do.
public struct KeyBinding: Sendable, Hashable {
    public var action: DashboardAction
    public var keys: [Key]
    public var help: String
    public var modes: Set<KeyMode>

    public init(_ action: DashboardAction, _ keys: [Key], _ help: String, _ modes: Set<KeyMode>) {
        self.action = action
        self.keys = keys
        self.help = help
        self.modes = modes
    }
}

/// A short entry of the status line: `+/- zoom` is the first key of each action, joined.
public struct KeyHint: Sendable, Hashable {
    public var actions: [DashboardAction]
    public var label: String
    /// Between the keys of the actions: `/` gives `+/-`, ` ` gives `[ ]`, "" gives `↑↓`.
    public var joiner: String

    public init(_ actions: [DashboardAction], _ label: String, joiner: String = "/") {
        self.actions = actions
        self.label = label
        self.joiner = joiner
    }
}
