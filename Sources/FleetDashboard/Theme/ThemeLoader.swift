import FleetCore
import Foundation

/// Finds a theme by name or path: a path (anything with a `/` or ending in `.theme`) is read as is;
/// a name is looked up in `$XDG_CONFIG_HOME/fleetwatch/themes/NAME.theme` (default
/// `~/.config/fleetwatch/themes`) first, then among the built-in themes.
public struct ThemeLoader: Sendable {
    public struct NotFound: Error, CustomStringConvertible {
        public var name: String
        public var searched: [String]
        public var description: String {
            "theme '\(SafeText.sanitize(name))' not found (looked in \(searched.joined(separator: ", ")) and the built-in themes: \(BuiltinThemes.names.joined(separator: ", ")))"
        }
    }

    public struct Unreadable: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot read theme: \(reason)" }
    }

    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The user's theme folder.
    public var userFolder: String {
        UserConfigFolder.path(environment: environment) + "/themes"
    }

    public func load(_ nameOrPath: String) throws -> (Theme, [ThemeWarning]) {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try loadFile(nameOrPath, name: Self.themeName(fromPath: nameOrPath))
        }
        let userPath = "\(userFolder)/\(nameOrPath).theme"
        if FileManager.default.fileExists(atPath: userPath) {
            return try loadFile(userPath, name: nameOrPath)
        }
        if let text = BuiltinThemes.text(named: nameOrPath) {
            return ThemeParser.parse(text, name: nameOrPath, file: "Themes/\(nameOrPath).theme", base: BuiltinThemes.fallback)
        }
        throw NotFound(name: nameOrPath, searched: [userFolder])
    }

    /// Reads a theme file through the one regular-file check (`BoundedFile`): a FIFO, device or
    /// symlink loop in the themes folder is refused by name instead of blocking the start.
    func loadFile(_ path: String, name: String) throws -> (Theme, [ThemeWarning]) {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, maxSize: 1 << 20, what: "theme files", allowEmpty: true).bytes
        } catch {
            throw Unreadable(path: SafeText.line(path), reason: error.message)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Unreadable(path: SafeText.line(path), reason: "not UTF-8 text")
        }
        return ThemeParser.parse(text, name: name, file: path, base: BuiltinThemes.fallback)
    }

    static func themeName(fromPath path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        if name.hasSuffix(".theme") { name.removeLast(6) }
        return name
    }
}
