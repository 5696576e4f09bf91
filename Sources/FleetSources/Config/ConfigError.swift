/// A problem in a configuration file, named by file, line and key path, on one line:
/// `fleetwatch.yaml:7: sources[0].every: expected a duration like 30s, got "soon"`.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int?
    public var path: String?
    public var message: String

    public init(file: String, line: Int?, path: String?, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let path, !path.isEmpty { s += "\(path): " }
        return s + message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
