/// The one table of keys: it drives `update`, the status line, every help screen, `--help` and
/// the README's key tables. ``standard`` is the default; a keys file rebinds it (``rebinding(_:)``).
public struct KeyMap: Sendable, Hashable {
    public internal(set) var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// What `key` does in `mode`, if anything.
    public func action(for key: Key, in mode: KeyMode) -> DashboardAction? {
        bindings.first { $0.modes.contains(mode) && $0.keys.contains(key) }?.action
    }

    /// The keys in force for `action`.
    public func keys(for action: DashboardAction) -> [Key] {
        bindings.first { $0.action == action }?.keys ?? []
    }

    /// The help overlay's rows in `mode`: keys as help writes them, and what they do. Neighbouring
    /// bindings with the same text share a row (`←, →  move focus across`).
    public func helpRows(for mode: KeyMode) -> [(keys: String, text: String)] {
        var rows: [(keys: [Key], text: String)] = []
        for binding in bindings where binding.modes.contains(mode) && !binding.keys.isEmpty {
            if let last = rows.last, last.text == binding.help {
                rows[rows.count - 1].keys += binding.keys
            } else {
                rows.append((binding.keys, binding.help))
            }
        }
        return rows.map { ($0.keys.map(\.longName).joined(separator: ", "), $0.text) }
    }

    /// The status line's entries in `mode`: `("+/-", "zoom")`. An entry whose action has no key
    /// is left out.
    public func statusHints(for mode: KeyMode) -> [(keys: String, label: String)] {
        hintTexts(Self.hints[mode] ?? [])
    }

    /// The alarm preview's key line: `↑↓ threshold  PgUp/PgDn ×10  n/N periods …`.
    public var previewKeyLine: String {
        hintTexts(Self.previewHints).map { "\($0.keys) \($0.label)" }.joined(separator: "  ")
    }

    /// The scaling view's key line: `↑↓ target  PgUp/PgDn ×10  r/R scale-in ratio …`.
    public var scalingKeyLine: String {
        hintTexts(Self.scalingHints).map { "\($0.keys) \($0.label)" }.joined(separator: "  ")
    }

    func hintTexts(_ hints: [KeyHint]) -> [(keys: String, label: String)] {
        hints.compactMap { hint in
            let firsts = hint.actions.compactMap { keys(for: $0).first?.shortName }
            guard firsts.count == hint.actions.count else { return nil }
            return (firsts.joined(separator: hint.joiner), hint.label)
        }
    }
}
