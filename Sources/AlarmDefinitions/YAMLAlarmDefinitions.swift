import FleetCore
import Yams

/// Reads fleetwatch's YAML alarm definitions: an `alarms:` list in the main config file (other top-level
/// keys are left to the config loader) or in a file of its own (a bare list is accepted too).
///
/// ```yaml
/// alarms:
///   - alarm_name: erato-unhealthy-hosts      # or name:
///     namespace: AWS/ApplicationELB
///     metric_name: UnHealthyHostCount
///     dimensions: { LoadBalancer: app/erato-alb/50dc6c495c0c9188 }
///     statistic: Maximum                      # or extended_statistic: p99
///     period: 5m                              # seconds, or 30s / 5m / 1h / 1h30m
///     evaluation_periods: 2
///     datapoints_to_alarm: 2                  # optional, defaults to evaluation_periods
///     threshold: 1
///     comparison_operator: GreaterThanThreshold   # or ">", ">=", "<", "<=" (quoted)
///     treat_missing_data: missing             # optional
///     evaluate_low_sample_count_percentiles: ignore  # optional
/// ```
///
/// Unknown keys are errors (a typo must not pass silently); so are alarms the preview cannot evaluate.
/// Errors name the file, the line and the key: `alarms.yaml:7: alarms[1].period: expected seconds or a
/// duration like 5m, got "soon"`.
public enum YAMLAlarmDefinitions {
    /// Keys an alarm may have. `alarm_description` is accepted and ignored.
    static let knownKeys: [String] = AlarmField.allCases.map(\.snakeCase) + ["name", "alarm_description"]

    public static func load(yaml: String, file: String) throws -> LoadedAlarms {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw syntaxError(error, file: file, text: yaml)
        }
        guard let root else { return LoadedAlarms(notes: ["\(file): empty file, no alarms"]) }
        switch root {
        case .mapping(let mapping):
            guard let alarms = mapping.first(where: { $0.key.string == "alarms" })?.value else {
                return LoadedAlarms(notes: ["\(file): no alarms: list"])
            }
            return try load(alarms: alarms, file: file)
        case .sequence:
            return try load(alarms: root, file: file)
        default:
            throw InputError(file: file, line: root.mark?.line,
                                       message: "expected a mapping with an alarms: list, or a list of alarms")
        }
    }

    /// The alarms from the value of an `alarms:` key, for a config loader that has composed the file.
    public static func load(alarms node: Node, file: String) throws -> LoadedAlarms {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar where node.null != nil: items = []
        default:
            throw InputError(file: file, line: node.mark?.line, message: "alarms: expected a list of alarms")
        }
        var result = LoadedAlarms()
        for (index, item) in items.enumerated() {
            let reader = AlarmReader(file: file, path: "alarms[\(index)]")
            result.append(LoadedAlarms(definitions: [try reader.read(item)]))
        }
        return result
    }

    static func syntaxError(_ error: Error, file: String, text: String) -> InputError {
        InputError.yaml(error, file: file, text: text)
    }
}

/// Reads one alarm mapping.
private struct AlarmReader {
    let file: String
    let path: String

    func error(_ node: Node?, key: String? = nil, _ message: String) -> InputError {
        InputError(file: file, line: node?.mark?.line,
                             message: path + (key.map { ".\($0)" } ?? "") + ": " + message)
    }

    func read(_ node: Node) throws -> AlarmDefinition {
        guard case .mapping(let mapping) = node else {
            throw error(node, "expected a mapping of alarm fields")
        }
        var values: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error(key, "keys must be plain names") }
            guard YAMLAlarmDefinitions.knownKeys.contains(name) else {
                throw error(key, "unknown key \(name.alarmQuoted())" + Self.suggestion(for: name))
            }
            guard values[name] == nil else { throw error(key, "\(name) is given twice") }
            values[name] = (key, value)
        }
        if let alarmName = values["alarm_name"], values["name"] != nil {
            throw error(alarmName.key, "give alarm_name or name, not both")
        }

        func scalar(_ name: String) throws -> (text: String, node: Node)? {
            guard let entry = values[name] else { return nil }
            guard case .scalar(let s) = entry.value else {
                throw error(entry.value, key: name, "expected a single value, not a list or mapping")
            }
            if entry.value.null != nil { return nil }
            return (s.string, entry.value)
        }
        func string(_ name: String) throws -> String? { try scalar(name)?.text }
        func number(_ name: String) throws -> Double? {
            guard let (text, node) = try scalar(name) else { return nil }
            guard let n = Double(text.alarmTrimmedBlanks), n.isFinite else {
                throw error(node, key: name, "expected a number, got \(text.alarmQuoted())")
            }
            return n
        }
        func integer(_ name: String) throws -> Int? {
            guard let (text, node) = try scalar(name) else { return nil }
            guard let n = Double(text.alarmTrimmedBlanks), n == n.rounded(), abs(n) < 1e9 else {
                throw error(node, key: name, "expected a whole number, got \(text.alarmQuoted())")
            }
            return Int(n)
        }

        var draft = AlarmDraft()
        draft.name = try string("alarm_name") ?? string("name")
        draft.namespace = try string("namespace")
        draft.metricName = try string("metric_name")
        draft.statistic = try string("statistic")
        draft.extendedStatistic = try string("extended_statistic")
        if let (text, node) = try scalar("period") {
            guard let seconds = Self.seconds(text) else {
                throw error(node, key: "period", "expected seconds or a duration like 5m, got \(text.alarmQuoted())")
            }
            draft.period = seconds
        }
        draft.evaluationPeriods = try integer("evaluation_periods")
        draft.datapointsToAlarm = try integer("datapoints_to_alarm")
        draft.threshold = try number("threshold")
        draft.comparisonOperator = try string("comparison_operator")
        draft.treatMissingData = try string("treat_missing_data")
        draft.evaluateLowSampleCountPercentiles = try string("evaluate_low_sample_count_percentiles")
        draft.dimensions = try dimensions(values["dimensions"])

        do {
            return try draft.validated { $0.snakeCase }
        } catch {
            let (field, message): (AlarmField?, String)
            switch error {
            case .invalid(let f, let m), .unsupported(let f, let m): (field, message) = (f, m)
            }
            var hint = ""
            if field == .comparisonOperator, draft.comparisonOperator?.alarmTrimmedBlanks.isEmpty == true {
                hint = " (quote symbols in YAML: comparison_operator: \">=\")"
            }
            let key = field.flatMap { values[$0.snakeCase]?.key } ?? (field == .name ? values["name"]?.key : nil)
            throw self.error(key ?? node, message + hint)
        }
    }

    func dimensions(_ entry: (key: Node, value: Node)?) throws -> [FleetCore.Dimension] {
        guard let entry else { return [] }
        switch entry.value {
        case .scalar where entry.value.null != nil: return []
        case .mapping(let mapping):
            var out: [FleetCore.Dimension] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string, let text = value.scalar?.string else {
                    throw error(key, key: "dimensions", "expected Name: value pairs")
                }
                guard !out.contains(where: { $0.name == name }) else {
                    throw error(key, key: "dimensions", "\(name) is given twice")
                }
                out.append(FleetCore.Dimension(name, text))
            }
            return out
        default:
            throw error(entry.value, key: "dimensions", "expected a mapping like { LoadBalancer: app/my-alb/0123 }")
        }
    }

    /// `300`, `300s`, `5m`, `1h`, `1h30m` → seconds; nil otherwise.
    static func seconds(_ text: String) -> Int? {
        let trimmed = text.alarmTrimmedBlanks
        if let whole = Int(trimmed) { return whole }
        var total = 0
        var digits = ""
        var sawUnit = false
        for c in trimmed {
            if c.isASCII, c.isNumber {
                digits.append(c)
                continue
            }
            guard let n = Int(digits), n < 1_000_000 else { return nil }
            switch c {
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            default: return nil
            }
            digits = ""
            sawUnit = true
        }
        return sawUnit && digits.isEmpty ? total : nil
    }

    /// ` (did you mean threshold?)` for a key within two edits of a known one.
    static func suggestion(for key: String) -> String {
        let best = YAMLAlarmDefinitions.knownKeys.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2 else { return "; known keys: " + YAMLAlarmDefinitions.knownKeys.joined(separator: ", ") }
        return " (did you mean \(best.0)?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
