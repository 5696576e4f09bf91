import FleetCore

/// Reads `resource "aws_cloudwatch_metric_alarm"` and target-tracking `resource "aws_autoscaling_policy"`
/// blocks from Terraform files; every other block is skipped. `variable` defaults and `locals` that are
/// plain literals resolve `var.x` / `local.x`; other references stay text.
///
/// - Alarms whose dimension values are unresolved (`aws_lb.erato.arn_suffix`) are loaded with the
///   expression text as the value, listed in ``LoadedAlarms/unresolvedDimensions``.
/// - Alarms Terraform computes more of (a `var.` threshold without default, `dimensions = var.dims`),
///   metric-math alarms (`metric_query`), anomaly detection (`threshold_metric_id`, band operators) and
///   extended statistics other than percentiles are skipped with a note.
/// - A syntax error or a wrong value (a list for `period`, `period = 45`) fails the load:
///   `alarms.tf:14:3: aws_cloudwatch_metric_alarm.cpu_high: period 45 must be 10, 30 or a multiple of 60 seconds`.
public enum TerraformAlarms {
    /// Parses all files (one module: variables are shared), then reads their resources in file order.
    public static func load(files: [(name: String, text: String)]) throws -> LoadedAlarms {
        var parsed: [(file: String, body: HCLBody)] = []
        for (name, text) in files {
            parsed.append((name, try HCLParser.parse(text, file: name)))
        }
        let scope = TerraformScope(bodies: parsed.map(\.body))
        var result = LoadedAlarms()
        for (file, body) in parsed {
            for block in body.blocks where block.type == "resource" {
                guard let type = block.labels.first else { continue }
                guard type == "aws_cloudwatch_metric_alarm" || type == "aws_autoscaling_policy" else { continue }
                guard block.labels.count == 2 else {
                    throw InputError(file: file, at: block.location,
                                               "resource \"\(type)\" needs a name label: resource \"\(type)\" \"name\" { … }")
                }
                var reader = ResourceReader(file: file, block: block, scope: scope)
                if type == "aws_cloudwatch_metric_alarm" {
                    try reader.readAlarm(into: &result)
                } else {
                    try reader.readPolicy(into: &result)
                }
            }
        }
        return result
    }
}

/// Reads one resource block's attributes, resolving what the scope can and noting what it cannot.
struct ResourceReader {
    let file: String
    let block: HCLBlock
    let scope: TerraformScope
    /// Attributes whose values are unknown without running Terraform: name = expression text.
    var unresolved: [(name: String, text: String)] = []

    init(file: String, block: HCLBlock, scope: TerraformScope) {
        self.file = file
        self.block = block
        self.scope = scope
    }

    var address: String { block.labels.joined(separator: ".") }

    func error(_ location: SourceLocation, _ message: String) -> InputError {
        InputError(file: file, at: location, "\(address): \(message)")
    }

    func note(_ message: String, name: String? = nil) -> String {
        let named = name.map { " (\($0.alarmQuoted()))" } ?? ""
        return "\(file):\(block.location.line): \(address)\(named) \(message)"
    }

    // MARK: Values

    /// A string attribute of `body`; numbers and bools as their text; nil when absent, null or unresolved.
    mutating func string(_ name: String, in body: HCLBody? = nil) throws -> String? {
        guard let attribute = (body ?? block.body).attribute(name) else { return nil }
        let value = scope.resolve(attribute.value)
        switch value {
        case .string, .number, .bool: return value.literalText
        case .null: return nil
        case .template(let text), .expression(let text):
            unresolved.append((name, text))
            return nil
        case .list, .object:
            throw error(attribute.location, "\(name): expected a string, got \(value.sourceText.alarmSingleLine())")
        }
    }

    /// A number, or a string holding one (`"2"`); nil when absent, null or unresolved.
    mutating func number(_ name: String, in body: HCLBody? = nil) throws -> Double? {
        guard let attribute = (body ?? block.body).attribute(name) else { return nil }
        let value = scope.resolve(attribute.value)
        switch value {
        case .number(let n): return n
        case .string(let s):
            guard let n = Double(s.alarmTrimmedBlanks), n.isFinite else {
                throw error(attribute.location, "\(name): expected a number, got \(s.alarmQuoted())")
            }
            return n
        case .null: return nil
        case .template(let text), .expression(let text):
            unresolved.append((name, text))
            return nil
        case .bool, .list, .object:
            throw error(attribute.location, "\(name): expected a number, got \(value.sourceText.alarmSingleLine())")
        }
    }

    mutating func integer(_ name: String, in body: HCLBody? = nil) throws -> Int? {
        guard let n = try number(name, in: body) else { return nil }
        guard n == n.rounded(), abs(n) < 1e9 else {
            let location = (body ?? block.body).attribute(name)?.location ?? block.location
            throw error(location, "\(name): expected a whole number, got \(HCLValue.number(n).literalText ?? "")")
        }
        return Int(n)
    }

    // MARK: Alarms

    mutating func readAlarm(into result: inout LoadedAlarms) throws {
        let body = block.body
        // The name is only a label: an unresolved one is kept as written.
        var name: String?
        if let attribute = body.attribute("alarm_name") {
            switch scope.resolve(attribute.value) {
            case .string(let s): name = s
            case .template(let t): name = t
            case .expression(let e): name = e
            case let other: name = other.literalText
            }
        }
        if !body.blocks("metric_query").isEmpty {
            result.notes.append(note("skipped: uses metric_query (metric math); the preview evaluates "
                + "single-metric alarms only", name: name))
            return
        }
        if body.attribute("threshold_metric_id") != nil {
            result.notes.append(note("skipped: uses threshold_metric_id (anomaly detection), which the preview "
                + "cannot evaluate", name: name))
            return
        }

        var draft = AlarmDraft()
        draft.name = name
        draft.namespace = try string("namespace")
        draft.metricName = try string("metric_name")
        draft.statistic = try string("statistic")
        draft.extendedStatistic = try string("extended_statistic")
        draft.period = try integer("period")
        draft.evaluationPeriods = try integer("evaluation_periods")
        draft.datapointsToAlarm = try integer("datapoints_to_alarm")
        draft.threshold = try number("threshold")
        draft.comparisonOperator = try string("comparison_operator")
        draft.treatMissingData = try string("treat_missing_data")
        draft.evaluateLowSampleCountPercentiles = try string("evaluate_low_sample_count_percentiles")
        let (dimensions, unresolvedNames, unknownMap) = try readDimensions()
        draft.dimensions = dimensions

        if !unresolved.isEmpty || unknownMap != nil {
            var parts = unresolved.map { "\($0.name) = \($0.text.alarmSingleLine(limit: 60))" }
            if let unknownMap { parts.append("dimensions = \(unknownMap.alarmSingleLine(limit: 60))") }
            result.notes.append(note("skipped: " + parts.joined(separator: ", ")
                + (parts.count == 1 ? " is" : " are") + " not known without running Terraform", name: name))
            return
        }

        let definition: AlarmDefinition
        do {
            definition = try draft.validated { $0.snakeCase }
        } catch {
            switch error {
            case .invalid(let field, let message):
                let location = field.flatMap { body.attribute($0.snakeCase)?.location } ?? block.location
                throw self.error(location, message)
            case .unsupported(_, let message):
                result.notes.append(note("skipped: " + message, name: name))
                return
            }
        }
        if body.attribute("count") != nil || body.attribute("for_each") != nil {
            result.notes.append(note("uses count/for_each: loaded once, as written", name: definition.name))
        }
        var loaded = LoadedAlarms(definitions: [definition])
        if let actions = body.attribute("alarm_actions"), case .list(let items) = scope.resolve(actions.value) {
            loaded.actions[definition.name] = items.compactMap { item in
                switch item {
                case .string(let s), .template(let s), .expression(let s): s
                default: nil
                }
            }
        }
        if !unresolvedNames.isEmpty { loaded.unresolvedDimensions[definition.name] = unresolvedNames.sorted() }
        result.append(loaded)
    }

    /// `dimensions = { … }` or the older `dimensions { … }` blocks. Returns the dimensions (unresolved
    /// values as their text), the names of the unresolved ones, and the text of a whole map that is unknown.
    mutating func readDimensions() throws -> ([Dimension], [String], String?) {
        var items: [HCLObjectItem] = []
        if let attribute = block.body.attribute("dimensions") {
            let value = scope.resolve(attribute.value)
            switch value {
            case .object(let entries): items = entries
            case .null: break
            case .expression(let text), .template(let text): return ([], [], text)
            default:
                throw error(attribute.location, "dimensions: expected a map like { LoadBalancer = \"app/…\" }, "
                    + "got \(value.sourceText.alarmSingleLine())")
            }
        }
        for dimensionsBlock in block.body.blocks("dimensions") {
            items += dimensionsBlock.body.attributes.map { HCLObjectItem(key: $0.name, value: $0.value, location: $0.location) }
        }
        var dimensions: [Dimension] = []
        var unresolvedNames: [String] = []
        for item in items {
            if dimensions.contains(where: { $0.name == item.key }) {
                throw error(item.location, "dimensions: \(item.key) is given twice")
            }
            let value = scope.resolve(item.value)
            switch value {
            case .string, .number, .bool:
                dimensions.append(Dimension(item.key, value.literalText ?? ""))
            case .template(let text), .expression(let text):
                dimensions.append(Dimension(item.key, text))
                unresolvedNames.append(item.key)
            case .null:
                continue
            case .list, .object:
                throw error(item.location, "dimensions: \(item.key): expected a string, got "
                    + value.sourceText.alarmSingleLine())
            }
        }
        return (dimensions, unresolvedNames, nil)
    }

    // MARK: Target tracking

    /// `policy_type = "TargetTrackingScaling"` with a predefined CPU or ALB-requests-per-target metric
    /// becomes a ``TargetLine`` labelled with the policy's `name` (or the resource address). Other policy
    /// types are ignored; other target-tracking metrics are noted.
    mutating func readPolicy(into result: inout LoadedAlarms) throws {
        let policyType = try string("policy_type")
        guard policyType == "TargetTrackingScaling" else {
            if let text = unresolved.first?.text {
                result.notes.append(note("skipped: policy_type = \(text.alarmSingleLine(limit: 60)) is not known without running Terraform"))
            }
            return
        }
        let label = try string("name") ?? address
        unresolved.removeAll()
        guard let configuration = block.body.blocks("target_tracking_configuration").first else {
            result.notes.append(note("skipped: target tracking without a target_tracking_configuration block"))
            return
        }
        guard let specification = configuration.body.blocks("predefined_metric_specification").first else {
            result.notes.append(note("skipped: target tracking on a customized metric; the panels show CPU and "
                + "requests per target only"))
            return
        }
        let metricType = try string("predefined_metric_type", in: specification.body)
        let value = try number("target_value", in: configuration.body)
        if !unresolved.isEmpty {
            let parts = unresolved.map { "\($0.name) = \($0.text.alarmSingleLine(limit: 60))" }
            result.notes.append(note("skipped: " + parts.joined(separator: ", ") + " not known without running Terraform"))
            return
        }
        guard let value else {
            throw error(configuration.location, "target_tracking_configuration: missing target_value")
        }
        let metric: PanelMetric
        switch metricType {
        case "ASGAverageCPUUtilization": metric = .cpu
        case "ALBRequestCountPerTarget": metric = .requestsPerTarget
        case let other?:
            result.notes.append(note("skipped: target tracking on \(other), which no panel shows"))
            return
        case nil:
            throw error(specification.location, "predefined_metric_specification: missing predefined_metric_type")
        }
        result.targets.append(TargetLine(metric: metric, value: value, label: label))
    }
}
