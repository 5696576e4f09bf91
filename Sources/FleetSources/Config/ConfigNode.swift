import FleetCore
import Foundation
import Yams

/// A node of a YAML configuration file with what error messages need: the file, the key path
/// (`sources[1].every`) and the line. Typed accessors turn wrong types into `InputError`s.
public struct ConfigNode: @unchecked Sendable {  // Node is an immutable value tree
    public let node: Node
    public let file: String
    public let keyPath: String
    /// The folder relative paths in the file are resolved against.
    public let baseDirectory: URL

    public init(node: Node, file: String, path: String, baseDirectory: URL) {
        self.node = node
        self.file = file
        self.keyPath = path
        self.baseDirectory = baseDirectory
    }

    public var line: Int? { node.mark?.line }

    public func error(_ message: String) -> InputError {
        InputError(file: file, line: line, path: keyPath, message: message)
    }

    func child(_ node: Node, _ component: String) -> ConfigNode {
        let p = component.hasPrefix("[") || keyPath.isEmpty ? keyPath + component : keyPath + "." + component
        return ConfigNode(node: node, file: file, path: p, baseDirectory: baseDirectory)
    }

    // MARK: mappings

    /// The keys of a mapping, in file order.
    public func keys() throws -> [String] {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        return mapping.keys.compactMap(\.string)
    }

    /// A mapping's entries in file order: each key with its line, and its value.
    public func entries() throws -> [(key: String, line: Int?, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        return try mapping.map { key, value in
            guard let name = key.string else { throw error("keys must be strings") }
            return (name, key.mark?.line, child(value, name))
        }
    }

    public subscript(_ key: String) -> ConfigNode? {
        guard let value = node.mapping?[key] else { return nil }
        if value.null != nil { return nil }
        return child(value, key)
    }

    /// Fails on keys outside `allowed`, so a typo never passes silently.
    public func rejectUnknownKeys(allowed: Set<String>) throws {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        for (key, _) in mapping {
            guard let name = key.string else { throw error("keys must be strings") }
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                throw InputError(file: file, line: key.mark?.line, path: keyPath.isEmpty ? name : "\(keyPath).\(name)",
                                  message: "unknown key (known here: \(known))")
            }
        }
    }

    public func require(_ key: String) throws -> ConfigNode {
        guard let value = self[key] else {
            throw InputError(file: file, line: line, path: keyPath.isEmpty ? key : "\(keyPath).\(key)",
                              message: "required key is missing")
        }
        return value
    }

    // MARK: sequences

    public func items() throws -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { child($0.element, "[\($0.offset)]") }
    }

    /// A list, or a single value taken as a list of one.
    public func itemsOrSingle() -> [ConfigNode] {
        guard let sequence = node.sequence else { return [self] }
        return sequence.enumerated().map { child($0.element, "[\($0.offset)]") }
    }

    // MARK: scalars

    public func string() throws -> String {
        guard case .scalar(let s) = node else { throw error("expected a text value") }
        return s.string
    }

    public func int(in range: ClosedRange<Int>? = nil) throws -> Int {
        guard case .scalar(let s) = node, let v = Int(s.string) else {
            throw error("expected a whole number, got \(describe())")
        }
        if let range, !range.contains(v) { throw error("expected a number from \(range.lowerBound) to \(range.upperBound), got \(v)") }
        return v
    }

    public func double() throws -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string), v.isFinite else {
            throw error("expected a number, got \(describe())")
        }
        return v
    }

    public func bool() throws -> Bool {
        guard case .scalar(let s) = node else { throw error("expected true or false, got \(describe())") }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got \(describe())")
        }
    }

    /// Seconds, from `30s`, `5m`, `1h30m`, `2d`, `250ms` or a bare number of seconds; at most `ceiling`
    /// (``Ceilings/duration`` unless the key has its own), named `what` in the error.
    public func duration(max ceiling: TimeInterval = Ceilings.duration, for what: String = "a duration") throws -> TimeInterval {
        let text = try string()
        guard let seconds = DurationText.parse(text), seconds > 0 else {
            throw error("expected a duration like 30s, 5m or 1h, got \(describe())")
        }
        if let over = Ceilings.exceeded(seconds, ceiling, for: what) { throw error(over) }
        return seconds
    }

    /// A file path, resolved against the configuration file's folder when relative.
    public func filePath() throws -> String {
        let text = try string()
        guard !text.isEmpty else { throw error("expected a file path, got an empty value") }
        if text.hasPrefix("/") { return text }
        if text.hasPrefix("~/") {
            return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(String(text.dropFirst(2))).path
        }
        return baseDirectory.appendingPathComponent(text).standardizedFileURL.path
    }

    /// The value as it reads in an error message.
    public func describe() -> String {
        switch node {
        case .scalar(let s): return "\"\(s.string.prefix(60))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
