// The aws_autoscaling_policy writer: the reverse of TerraformScaling's reader.
import FleetCore

extension ScalingPolicy {
    /// The policy as a Terraform `aws_autoscaling_policy` block of group `group` and, for step and simple
    /// policies, the `aws_cloudwatch_metric_alarm`s that invoke it, their `alarm_actions` pointing at it. The
    /// arguments are the provider's (registry.terraform.io, `aws_autoscaling_policy`), as
    /// ``TerraformScaling`` reads them: a predefined metric where the metric is one, else a customized one.
    public func terraform(group: String) -> String {
        let label = Self.label(name)
        var lines = ["resource \"aws_autoscaling_policy\" \"\(label)\" {"]
        func field(_ key: String, _ value: String, indent: String = "  ", width: Int = 25) {
            lines.append(indent + key.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + value)
        }
        field("name", quoted(name))
        field("autoscaling_group_name", quoted(group))
        field("policy_type", quoted(kind.policyType))
        if !enabled { field("enabled", "false") }
        switch kind {
        case .targetTracking(let c):
            if let warmup = estimatedInstanceWarmup { field("estimated_instance_warmup", "\(warmup)") }
            lines.append("")
            lines.append("  target_tracking_configuration {")
            if let type = Self.predefinedType(c.metric, group: group) {
                lines.append("    predefined_metric_specification {")
                lines.append("      predefined_metric_type = \(quoted(type))")
                lines.append("    }")
            } else {
                let m = c.metric
                lines.append("    customized_metric_specification {")
                field("namespace", quoted(m.namespace), indent: "      ", width: 11)
                field("metric_name", quoted(m.name), indent: "      ", width: 11)
                field("statistic", quoted(m.statistic), indent: "      ", width: 11)
                for d in m.dimensions {
                    lines.append("      metric_dimension {")
                    lines.append("        name  = \(quoted(d.name))")
                    // A value Terraform computes (`aws_lb_target_group.x.arn_suffix`) stays an expression.
                    lines.append("        value = " + (m.unresolvedDimensions.contains(d.name) ? d.value : quoted(d.value)))
                    lines.append("      }")
                }
                lines.append("    }")
            }
            field("target_value", AlarmDefinition.number(c.targetValue), indent: "    ", width: 16)
            if c.disableScaleIn { field("disable_scale_in", "true", indent: "    ", width: 16) }
            lines.append("  }")
        case .step(let c):
            field("adjustment_type", quoted(c.type.rawValue))
            if let m = c.minAdjustmentMagnitude { field("min_adjustment_magnitude", "\(m)") }
            if let warmup = estimatedInstanceWarmup { field("estimated_instance_warmup", "\(warmup)") }
            for step in c.steps {
                lines.append("")
                lines.append("  step_adjustment {")
                field("scaling_adjustment", "\(step.adjustment)", indent: "    ", width: 27)
                if let lower = step.lowerBound {
                    field("metric_interval_lower_bound", AlarmDefinition.number(lower), indent: "    ", width: 27)
                }
                if let upper = step.upperBound {
                    field("metric_interval_upper_bound", AlarmDefinition.number(upper), indent: "    ", width: 27)
                }
                lines.append("  }")
            }
        case .simple(let c):
            field("adjustment_type", quoted(c.type.rawValue))
            field("scaling_adjustment", "\(c.steps.first?.adjustment ?? 0)")
            if let m = c.minAdjustmentMagnitude { field("min_adjustment_magnitude", "\(m)") }
            if let cooldown = c.cooldown { field("cooldown", "\(cooldown)") }
        }
        lines.append("}")
        var text = lines.joined(separator: "\n")
        for alarm in alarms {
            var block = alarm.terraform.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            block.insert("  alarm_actions       = [aws_autoscaling_policy.\(label).arn]", at: max(1, block.count - 1))
            text += "\n\n" + block.joined(separator: "\n")
        }
        return text
    }

    /// A Terraform resource label: letters, digits and `_`, not starting with a digit.
    static func label(_ name: String) -> String {
        var label = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if label.first.map({ !$0.isLetter && $0 != "_" }) ?? true { label = "_" + label }
        return label
    }

    /// The predefined metric type `metric` is, for group `group`, if it is one the reader knows back.
    static func predefinedType(_ metric: ScalingMetric, group: String) -> String? {
        guard metric.unresolvedDimensions.isEmpty else { return nil }
        return ["ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut"].first { type in
            ScalingMetric.predefined(type, group: group, resourceLabel: nil) == metric
        }
    }
}

extension LoadedScaling {
    /// The group the policies scale: its limits from `minSize`/`maxSize` when given, else from the files; its
    /// warm-up and cooldown from the files. Throws when the maximum is not known.
    public func scalingGroup(file: String, minSize: Int? = nil, maxSize: Int? = nil) throws -> ScalingGroup {
        let settings = group
        let low = minSize ?? settings.minSize ?? 0
        guard let high = maxSize ?? settings.maxSize else {
            throw InputError(file: file, message: "the group's max_size is not stated (or not known without running Terraform); give --max")
        }
        guard low <= high else {
            throw InputError(file: file, message: "the group's minimum (\(low)) exceeds its maximum (\(high)); give --min/--max")
        }
        return ScalingGroup(name: settings.name ?? "the group", minSize: low, maxSize: high,
                            desiredCapacity: settings.desiredCapacity, defaultInstanceWarmup: settings.defaultInstanceWarmup,
                            defaultCooldown: settings.defaultCooldown ?? 300)
    }
}
