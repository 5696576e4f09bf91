import Foundation

/// THE input-error type: a file fleetwatch was given cannot be used, said on one line naming the file,
/// where in it, and what is wrong:
///
/// - `fleetwatch.yaml:7: sources[0].every: expected a duration like 30s, got "soon"` (line, key path)
/// - `alarms.tf:12:5: expected '=' or '{' after 'threshold'` (line and column)
/// - `data.json: MetricDataResults[2].Values: 14 values for 15 timestamps` (JSON path)
/// - `data.json: byte 1234: unexpected end of input` (byte offset)
/// - `x.json: not the output of aws cloudwatch get-metric-data (no MetricDataResults)` (the whole file)
///
/// The rendering is `file[:line[:column]]: [path: ][byte N: ]message`, on one line, with everything
/// passed through ``SafeText/line(_:)``: text quoted from the input can neither break the line nor
/// reach the terminal as a control sequence.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based; nil when the place is not a line or is the whole file.
    public var line: Int?
    /// 1-based, only with `line`.
    public var column: Int?
    /// A key path (`sources[0].every`) or a JSON path (`MetricDataResults[2].Values`).
    public var path: String?
    /// 0-based offset of the byte where reading stopped.
    public var byteOffset: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil,
                byteOffset: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = line == nil ? nil : column
        self.path = path
        self.byteOffset = byteOffset
        self.message = message
    }

    /// The place in the file, as rendered after the file name: `:7`, `:12:5`, `: key.path`, `: byte 12`
    /// (empty for the whole file).
    public var place: String {
        var text = ""
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let path, !path.isEmpty { text += ": \(path)" }
        if let byteOffset { text += ": byte \(byteOffset)" }
        return text
    }

    /// `file:place: message` on one line, sanitised.
    public var description: String {
        SafeText.line("\(file)\(place): \(message)")
    }
}

extension InputError: LocalizedError {
    public var errorDescription: String? { description }
}
