/// A file a source reads could not be used: one line naming the file, where in it (a JSON path such as
/// `MetricDataResults[2].Values`, or `byte 1234`), and what is wrong.
///
/// `data/get-metric-data.json: MetricDataResults[2].Values: 14 values for 15 timestamps`
public struct FileSourceError: Error, CustomStringConvertible, Sendable, Hashable {
    public var file: String
    /// A JSON path, `byte N`, or nil when the whole file is meant (missing, too large…).
    public var location: String?
    public var message: String

    public init(file: String, location: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        let text = [file, location, message].compactMap { $0 }.joined(separator: ": ")
        // One line, whatever the file held: control characters never reach the screen.
        return String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
