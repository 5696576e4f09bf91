/// One entry of a keys file, as read (the reading keeps line numbers; the checking is here).
public struct KeyOverride: Sendable, Hashable {
    /// The action's name, e.g. `zoom_in`.
    public var action: String
    /// The key names, e.g. `["+", "="]`, each with its line when known.
    public var keys: [(name: String, line: Int?)]
    /// The line of the action's name.
    public var line: Int?

    public init(action: String, keys: [(name: String, line: Int?)], line: Int?) {
        self.action = action
        self.keys = keys
        self.line = line
    }

    public static func == (a: KeyOverride, b: KeyOverride) -> Bool {
        a.action == b.action && a.line == b.line && a.keys.map(\.name) == b.keys.map(\.name)
            && a.keys.map(\.line) == b.keys.map(\.line)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(action)
        hasher.combine(keys.map(\.name))
    }
}

/// Why a keys file cannot be used: the line (when known) and what is wrong there.
public struct KeyMapError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\($0): \(message)" } ?? message }

    /// `file:line: message`, the one-line form the command line prints.
    public func described(file: String) -> String {
        file + (line.map { ":\($0)" } ?? "") + ": " + message
    }
}

extension KeyMap {
    /// This map with each override's keys replacing the action's keys. An unknown action, an
    /// unknown key name, or a key that two actions would share in one mode is an error at its line.
    public func rebinding(_ overrides: [KeyOverride]) throws(KeyMapError) -> KeyMap {
        var map = self
        var changedAt: [DashboardAction: Int?] = [:]
        for override in overrides {
            guard let action = DashboardAction(rawValue: override.action) else {
                throw KeyMapError(line: override.line, message: "unknown action '\(override.action)' (known: \(DashboardAction.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var keys: [Key] = []
            for (name, line) in override.keys {
                guard let key = Key(name: name) else {
                    throw KeyMapError(line: line ?? override.line, message: "\(override.action): unknown key name '\(name)' (a character, space, enter, esc, tab, shift+tab, backspace, up, down, left, right, home, end, pgup, pgdn, f1…f12 or ctrl+a…ctrl+z)")
                }
                if !keys.contains(key) { keys.append(key) }
            }
            if action == .quit && keys.isEmpty {
                throw KeyMapError(line: override.line, message: "quit needs at least one key")
            }
            guard let index = map.bindings.firstIndex(where: { $0.action == action }) else { continue }
            map.bindings[index].keys = keys
            changedAt[action] = override.line
        }
        for mode in KeyMode.allCases {
            var owner: [Key: DashboardAction] = [:]
            for binding in map.bindings where binding.modes.contains(mode) {
                for key in binding.keys {
                    if let other = owner[key], other != binding.action {
                        let blamed = changedAt[binding.action] != nil ? binding.action : other
                        let line = changedAt[blamed] ?? nil
                        throw KeyMapError(line: line, message: "key '\(key.longName)' is bound to both \(other.rawValue) and \(binding.action.rawValue) in \(mode.rawValue) mode")
                    }
                    owner[key] = binding.action
                }
            }
        }
        return map
    }
}
