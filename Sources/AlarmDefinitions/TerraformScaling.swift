import FleetCore

/// Reads `resource "aws_autoscaling_policy"` (target tracking with predefined or customized metrics, step,
/// simple), the `aws_cloudwatch_metric_alarm`s whose `alarm_actions` point at a policy's ARN
/// (`aws_autoscaling_policy.out.arn`, or an ARN ending `policyName/<name>`), and the group's
/// `aws_autoscaling_group` limits, from one Terraform module. Values Terraform computes are noted and left out;
/// a wrong value fails the load with `file:line:col: address: message`.
public enum TerraformScaling {
    public static func load(files: [(name: String, text: String)]) throws -> LoadedScaling {
        var parsed: [(file: String, body: HCLBody)] = []
        for (name, text) in files { parsed.append((name, try HCLParser.parse(text, file: name))) }
        let scope = TerraformScope(bodies: parsed.map(\.body))
        var result = LoadedScaling()
        // Groups first: a policy's autoscaling_group_name usually refers to one.
        var groupNames: [String: String] = [:]
        for (file, body) in parsed {
            for block in body.blocks where block.type == "resource" && block.labels.first == "aws_autoscaling_group" {
                guard block.labels.count == 2 else { continue }
                var reader = ResourceReader(file: file, block: block, scope: scope)
                let settings = try reader.readGroup()
                if let name = settings.name { groupNames[block.labels[1]] = name }
                if result.group == .init() { result.group = settings }
            }
        }
        var policies: [(label: String, policy: ScalingPolicy)] = []
        for (file, body) in parsed {
            for block in body.blocks where block.type == "resource" {
                guard let type = block.labels.first, block.labels.count == 2 else { continue }
                var reader = ResourceReader(file: file, block: block, scope: scope)
                switch type {
                case "aws_cloudwatch_metric_alarm":
                    try reader.readAlarm(into: &result.alarms)
                case "aws_autoscaling_policy":
                    if let policy = try reader.readScalingPolicy(groupNames: groupNames, notes: &result.notes) {
                        policies.append((block.labels[1], policy))
                        result.places[policy.name] = "\(file):\(block.location.line)"
                    }
                default:
                    continue
                }
            }
        }
        result.notes += result.alarms.notes
        // Attach each alarm to the policies its actions name.
        for definition in result.alarms.definitions {
            for action in result.alarms.actions[definition.name] ?? [] {
                guard let index = policies.firstIndex(where: { Self.action(action, names: $0.label, $0.policy.name) }) else {
                    continue
                }
                switch policies[index].policy.kind {
                case .step, .simple: policies[index].policy.alarms.append(definition)
                case .targetTracking: continue
                }
            }
        }
        result.policies = policies.map(\.policy)
        return result
    }

    /// True when an alarm action (a reference or an ARN) names the policy with resource `label` and `name`.
    static func action(_ action: String, names label: String, _ name: String) -> Bool {
        let text = action.replacingOccurrences(of: "${", with: "").replacingOccurrences(of: "}", with: "")
        if text == "aws_autoscaling_policy.\(label).arn" { return true }
        return text.hasPrefix("arn:") && text.hasSuffix(":policyName/\(name)")
    }
}

extension ResourceReader {
    mutating func bool(_ name: String, in body: HCLBody? = nil) throws -> Bool? {
        guard let attribute = (body ?? block.body).attribute(name) else { return nil }
        switch scope.resolve(attribute.value) {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        case .null: return nil
        case .expression(let text), .template(let text):
            unresolved.append((name, text))
            return nil
        case let other:
            throw error(attribute.location, "\(name): expected true or false, got \(other.sourceText.alarmSingleLine())")
        }
    }

    mutating func readGroup() throws -> LoadedScaling.GroupSettings {
        var settings = LoadedScaling.GroupSettings()
        settings.name = try string("name")
        settings.minSize = try integer("min_size")
        settings.maxSize = try integer("max_size")
        settings.desiredCapacity = try integer("desired_capacity")
        settings.defaultInstanceWarmup = try integer("default_instance_warmup")
        settings.defaultCooldown = try integer("default_cooldown")
        return settings
    }

    /// One `aws_autoscaling_policy`, or nil (with a note) when Terraform computes what it needs.
    mutating func readScalingPolicy(groupNames: [String: String], notes: inout [String]) throws -> ScalingPolicy? {
        let name = try string("name") ?? address
        let policyType = try string("policy_type") ?? "SimpleScaling"
        var group = try string("autoscaling_group_name")
        if group == nil, let text = unresolved.first(where: { $0.name == "autoscaling_group_name" })?.text {
            let parts = text.split(separator: ".")
            if parts.count == 3, parts[0] == "aws_autoscaling_group", parts[2] == "name" { group = groupNames[String(parts[1])] }
        }
        let groupUnresolved = group == nil
        let groupName = group ?? "*"
        unresolved.removeAll()
        let enabled = try bool("enabled") ?? true
        let warmup = try integer("estimated_instance_warmup")
        let kind: ScalingPolicyKind
        switch policyType {
        case "TargetTrackingScaling":
            guard let configuration = block.body.blocks("target_tracking_configuration").first else {
                throw error(block.location, "TargetTrackingScaling needs a target_tracking_configuration block")
            }
            guard let target = try number("target_value", in: configuration.body) else {
                if unresolved.isEmpty { throw error(configuration.location, "target_tracking_configuration: missing target_value") }
                notes.append(note("skipped: target_value = \(unresolved[0].text.alarmSingleLine(limit: 60)) is not known without running Terraform", name: name))
                return nil
            }
            let disableScaleIn = try bool("disable_scale_in", in: configuration.body) ?? false
            guard let metric = try trackedMetric(configuration.body, group: groupName, groupUnresolved: groupUnresolved,
                                                 name: name, notes: &notes) else { return nil }
            kind = .targetTracking(TargetTrackingConfiguration(metric: metric, targetValue: target, disableScaleIn: disableScaleIn))
        case "StepScaling", "SimpleScaling":
            let typeText = try string("adjustment_type") ?? "ChangeInCapacity"
            guard let type = AdjustmentType(rawValue: typeText) else {
                let location = block.body.attribute("adjustment_type")?.location ?? block.location
                throw error(location, "adjustment_type: expected ChangeInCapacity, ExactCapacity or PercentChangeInCapacity, got \(typeText.alarmQuoted())")
            }
            let magnitude = try integer("min_adjustment_magnitude")
            if policyType == "SimpleScaling" {
                guard let adjustment = try integer("scaling_adjustment") else {
                    throw error(block.location, "SimpleScaling needs scaling_adjustment")
                }
                kind = .simple(AdjustmentConfiguration(type: type, steps: [StepAdjustment(adjustment: adjustment)],
                                                       minAdjustmentMagnitude: magnitude, cooldown: try integer("cooldown")))
            } else {
                var steps: [StepAdjustment] = []
                for stepBlock in block.body.blocks("step_adjustment") {
                    guard let adjustment = try integer("scaling_adjustment", in: stepBlock.body) else {
                        throw error(stepBlock.location, "step_adjustment: missing scaling_adjustment")
                    }
                    steps.append(StepAdjustment(lowerBound: try number("metric_interval_lower_bound", in: stepBlock.body),
                                                upperBound: try number("metric_interval_upper_bound", in: stepBlock.body),
                                                adjustment: adjustment))
                }
                guard !steps.isEmpty else { throw error(block.location, "StepScaling needs at least one step_adjustment") }
                kind = .step(AdjustmentConfiguration(type: type, steps: steps, minAdjustmentMagnitude: magnitude))
            }
        case "PredictiveScaling":
            notes.append(note("skipped: predictive scaling, which the preview does not model", name: name))
            return nil
        default:
            let location = block.body.attribute("policy_type")?.location ?? block.location
            throw error(location, "policy_type: expected TargetTrackingScaling, StepScaling, SimpleScaling or PredictiveScaling, got \(policyType.alarmQuoted())")
        }
        if !unresolved.isEmpty {
            let parts = unresolved.map { "\($0.name) = \($0.text.alarmSingleLine(limit: 60))" }
            notes.append(note("skipped: " + parts.joined(separator: ", ") + " not known without running Terraform", name: name))
            return nil
        }
        return ScalingPolicy(name: name, kind: kind, estimatedInstanceWarmup: warmup, enabled: enabled)
    }

    /// The metric of a target tracking configuration: predefined or customized (one metric; metric math is noted).
    mutating func trackedMetric(_ configuration: HCLBody, group: String, groupUnresolved: Bool, name: String,
                                notes: inout [String]) throws -> ScalingMetric? {
        if let predefined = configuration.blocks("predefined_metric_specification").first {
            guard let type = try string("predefined_metric_type", in: predefined.body) else {
                throw error(predefined.location, "predefined_metric_specification: missing predefined_metric_type")
            }
            var label = try string("resource_label", in: predefined.body)
            let labelText = unresolved.last(where: { $0.name == "resource_label" })?.text
            let labelUnresolved = labelText != nil
            if let labelText { label = labelText }
            unresolved.removeAll { $0.name == "resource_label" }
            guard var metric = ScalingMetric.predefined(type, group: group, resourceLabel: label, labelUnresolved: labelUnresolved) else {
                notes.append(note("skipped: predefined metric \(type), which the preview does not know", name: name))
                return nil
            }
            if groupUnresolved, metric.dimensions.contains(where: { $0.name == "AutoScalingGroupName" }) {
                metric.unresolvedDimensions.append("AutoScalingGroupName")
            }
            return metric
        }
        guard let customized = configuration.blocks("customized_metric_specification").first else {
            throw error(block.location, "target_tracking_configuration needs predefined_metric_specification or customized_metric_specification")
        }
        if !customized.body.blocks("metrics").isEmpty {
            notes.append(note("skipped: a customized metric with metric math (metrics blocks), which the preview does not evaluate", name: name))
            return nil
        }
        guard let metricName = try string("metric_name", in: customized.body),
              let namespace = try string("namespace", in: customized.body) else {
            if !unresolved.isEmpty { return nil }
            throw error(customized.location, "customized_metric_specification: needs metric_name and namespace")
        }
        let statistic = try string("statistic", in: customized.body) ?? "Average"
        var dimensions: [Dimension] = []
        var unresolvedNames: [String] = []
        for dimension in customized.body.blocks("metric_dimension") {
            guard let dimensionName = try string("name", in: dimension.body) else {
                throw error(dimension.location, "metric_dimension: missing name")
            }
            if let value = try string("value", in: dimension.body) {
                dimensions.append(Dimension(dimensionName, value))
            } else if let text = unresolved.last(where: { $0.name == "value" })?.text {
                unresolved.removeAll { $0.name == "value" }
                dimensions.append(Dimension(dimensionName, text))
                unresolvedNames.append(dimensionName)
            }
        }
        return ScalingMetric(namespace: namespace, name: metricName, statistic: statistic, dimensions: dimensions,
                             unresolvedDimensions: unresolvedNames)
    }
}
