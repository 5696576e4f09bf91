import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// The keys in force: the standard map, rebound by `$XDG_CONFIG_HOME/fleetwatch/keys.yaml` and
/// then by the configuration file's `keys:` section. Reading keeps lines (ConfigNode); checking
/// the names is the key map's (`KeyMap.rebinding`).
public enum KeyMapLoading {
    /// The user's keys file.
    public static func userKeysPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserConfigFolder.path(environment: environment) + "/keys.yaml"
    }

    /// The map, or a one-line `file:line: message` error.
    public static func keyMap(configKeys: ConfigNode?, userFile: String = userKeysPath()) throws -> KeyMap {
        var map = KeyMap.standard
        if FileManager.default.fileExists(atPath: userFile) {
            map = try rebind(map, ConfigNode.document(path: userFile, maxSize: 1 << 20))
        }
        if let configKeys { map = try rebind(map, configKeys) }
        return map
    }

    static func rebind(_ map: KeyMap, _ node: ConfigNode) throws -> KeyMap {
        let overrides = try node.entries().map { action, line, value in
            KeyOverride(action: action, keys: try value.itemsOrSingle().map { (name: try $0.string(), line: $0.line) }, line: line)
        }
        do {
            return try map.rebinding(overrides)
        } catch {
            // THE input-error type, so the line is sanitised like every other (fuzzing found a key name
            // with a line break in it printed as two lines).
            throw InputError(file: node.file, line: error.line, message: error.message)
        }
    }
}
