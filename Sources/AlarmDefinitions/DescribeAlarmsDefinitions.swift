import FleetCore
import Foundation

/// Reads `aws cloudwatch describe-alarms` output: each entry of `MetricAlarms` becomes a definition and its
/// `StateValue` the current state. Metric-math alarms (`Metrics`), anomaly detection (`ThresholdMetricId`,
/// band operators), extended statistics other than percentiles and `CompositeAlarms` are skipped with a note.
/// Errors name the line of the offending key: `alarms.json:14: MetricAlarms[1].Period: expected a whole
/// number, got "300s"`.
public enum DescribeAlarmsDefinitions {
    public static func load(text: String, file: String) throws -> LoadedAlarms {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            let (line, column, detail) = syntaxErrorPosition(error, text: text)
            throw InputError(file: file, line: line, column: column,
                                       message: "not valid JSON" + (detail.map { ": \($0)" } ?? ""))
        }
        guard let object = root as? [String: Any] else {
            throw InputError(file: file, line: 1, message: "expected a JSON object with MetricAlarms, as "
                + "`aws cloudwatch describe-alarms` prints")
        }
        guard let alarms = object["MetricAlarms"] as? [Any] else {
            throw InputError(file: file, line: 1, message: "no MetricAlarms list: is this "
                + "`aws cloudwatch describe-alarms` output?")
        }
        let lines = JSONLineIndex(text)
        var result = LoadedAlarms()
        for (index, element) in alarms.enumerated() {
            var reader = Reader(file: file, index: index, lines: lines, element: element)
            try reader.read(into: &result)
        }
        if let composite = object["CompositeAlarms"] as? [Any], !composite.isEmpty {
            result.notes.append("\(file): \(composite.count) composite alarm\(composite.count == 1 ? "" : "s") "
                + "skipped: the preview evaluates metric alarms only")
        }
        return result
    }

    /// Foundation words its errors differently across platforms; take a line number from the message
    /// when there is one.
    static func syntaxErrorPosition(_ error: Error, text: String) -> (Int?, Int?, String?) {
        let nsError = error as NSError
        let detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String)
            ?? (nsError.userInfo[NSUnderlyingErrorKey] as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
        guard let detail else { return (nil, nil, nil) }
        func number(after word: String) -> Int? {
            guard let range = detail.range(of: word) else { return nil }
            return Int(detail[range.upperBound...].prefix { $0.isNumber })
        }
        var line = number(after: "line ")
        var column = number(after: "column ")
        if line == nil, let offset = number(after: "character ") {  // swift-foundation: a 0-based byte offset
            let bytes = Array(text.utf8.prefix(offset))
            line = 1 + bytes.count { $0 == 0x0A }
            let lineStart = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            column = 1 + bytes[lineStart...].count { $0 & 0xC0 != 0x80 }
        }
        // Keep the words, not the position repeated.
        var words = detail
        if let cut = words.range(of: " around ") { words = String(words[..<cut.lowerBound]) }
        if words.hasSuffix(".") { words.removeLast() }
        return (line, column, words.alarmSingleLine(limit: 100))
    }
}

/// The line of each `MetricAlarms` element and of each of its keys, from a scan of the raw text.
struct JSONLineIndex {
    private(set) var elementLines: [Int] = []
    private(set) var keyLines: [[String: Int]] = []

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var line = 1
        var stack: [UInt8] = []  // open brackets
        var inMetricAlarms = false  // the array at depth 2 belongs to MetricAlarms
        var lastString: String?
        var lastStringLine = 1
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x0A: line += 1
            case UInt8(ascii: "\""):
                let start = i + 1
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                lastString = String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)
                lastStringLine = line
            case UInt8(ascii: ":"):
                if let key = lastString {
                    if stack.count == 1 { inMetricAlarms = key == "MetricAlarms" }
                    if stack.count == 3, inMetricAlarms, !keyLines.isEmpty, keyLines[keyLines.count - 1][key] == nil {
                        keyLines[keyLines.count - 1][key] = lastStringLine
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if c == UInt8(ascii: "{"), stack.count == 2, inMetricAlarms {
                    elementLines.append(line)
                    keyLines.append([:])
                }
                stack.append(c)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                if stack.count == 1 { inMetricAlarms = false }
            default: break
            }
            if c != UInt8(ascii: "\"") && c > 0x20 && c != UInt8(ascii: ":") { lastString = nil }
            i += 1
        }
    }

    func line(element: Int, key: String? = nil) -> Int? {
        guard element < elementLines.count else { return nil }
        if let key, let line = keyLines[element][key] { return line }
        return elementLines[element]
    }
}

private struct Reader {
    let file: String
    let index: Int
    let lines: JSONLineIndex
    let element: Any
    var alarm: [String: Any] = [:]

    init(file: String, index: Int, lines: JSONLineIndex, element: Any) {
        self.file = file
        self.index = index
        self.lines = lines
        self.element = element
    }

    func error(_ key: String?, _ message: String) -> InputError {
        let path = "MetricAlarms[\(index)]" + (key.map { ".\($0)" } ?? "")
        return InputError(file: file, line: lines.line(element: index, key: key), message: "\(path): \(message)")
    }

    func note(_ message: String, name: String?) -> String {
        let line = lines.line(element: index).map { ":\($0)" } ?? ""
        let named = name.map { " \($0.alarmQuoted())" } ?? ""
        return "\(file)\(line): MetricAlarms[\(index)]\(named) \(message)"
    }

    func string(_ key: String) throws -> String? {
        guard let value = alarm[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw error(key, "expected a string, got \(Self.show(value))") }
        return text.isEmpty ? nil : text
    }

    func number(_ key: String) throws -> Double? {
        guard let value = alarm[key], !(value is NSNull) else { return nil }
        guard !(value is String), let n = (value as? NSNumber)?.doubleValue, n.isFinite else {
            throw error(key, "expected a number, got \(Self.show(value))")
        }
        return n
    }

    func integer(_ key: String) throws -> Int? {
        guard let n = try number(key) else { return nil }
        guard n == n.rounded(), abs(n) < 1e9 else { throw error(key, "expected a whole number, got \(n)") }
        return Int(n)
    }

    static func show(_ value: Any) -> String {
        if let s = value as? String { return s.alarmQuoted() }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        return "\(value)".alarmSingleLine(limit: 40)
    }

    mutating func read(into result: inout LoadedAlarms) throws {
        guard let object = element as? [String: Any] else { throw error(nil, "expected an alarm object") }
        alarm = object
        let name = try string("AlarmName")
        if let metrics = alarm["Metrics"] as? [Any], !metrics.isEmpty {
            result.notes.append(note("skipped: uses Metrics (metric math); the preview evaluates single-metric alarms only",
                                     name: name))
            return
        }
        if try string("ThresholdMetricId") != nil {
            result.notes.append(note("skipped: uses ThresholdMetricId (anomaly detection), which the preview cannot evaluate",
                                     name: name))
            return
        }
        var draft = AlarmDraft()
        draft.name = name
        draft.namespace = try string("Namespace")
        draft.metricName = try string("MetricName")
        draft.statistic = try string("Statistic")
        draft.extendedStatistic = try string("ExtendedStatistic")
        draft.period = try integer("Period")
        draft.evaluationPeriods = try integer("EvaluationPeriods")
        draft.datapointsToAlarm = try integer("DatapointsToAlarm")
        draft.threshold = try number("Threshold")
        draft.comparisonOperator = try string("ComparisonOperator")
        draft.treatMissingData = try string("TreatMissingData")
        draft.evaluateLowSampleCountPercentiles = try string("EvaluateLowSampleCountPercentile")
        draft.dimensions = try dimensions()
        let definition: AlarmDefinition
        do {
            definition = try draft.validated { $0.apiName }
        } catch {
            switch error {
            case .invalid(let field, let message): throw self.error(field?.apiName, message)
            case .unsupported(_, let message):
                result.notes.append(note("skipped: " + message, name: name))
                return
            }
        }
        var loaded = LoadedAlarms(definitions: [definition])
        if let raw = try string("StateValue") {
            guard let state = AlarmState(rawValue: raw) else {
                throw error("StateValue", "\(raw.alarmQuoted()) is not one of OK, ALARM, INSUFFICIENT_DATA")
            }
            loaded.states[definition.name] = state
        }
        result.append(loaded)
    }

    func dimensions() throws -> [FleetCore.Dimension] {
        guard let value = alarm["Dimensions"], !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw error("Dimensions", "expected a list, got \(Self.show(value))") }
        var out: [FleetCore.Dimension] = []
        for (i, item) in list.enumerated() {
            guard let pair = item as? [String: Any], let name = pair["Name"] as? String,
                  let value = pair["Value"] as? String else {
                throw error("Dimensions", "[\(i)] expected {\"Name\": …, \"Value\": …}")
            }
            guard !out.contains(where: { $0.name == name }) else {
                throw error("Dimensions", "\(name) is given twice")
            }
            out.append(FleetCore.Dimension(name, value))
        }
        return out
    }
}
