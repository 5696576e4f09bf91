import Foundation

/// `$XDG_CONFIG_HOME/fleetwatch` (default `~/.config/fleetwatch`): where user themes and the
/// keys file live.
public enum UserConfigFolder {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/fleetwatch" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/fleetwatch"
    }
}
