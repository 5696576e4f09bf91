import FleetCore

extension AWSOutputShape {
    public static let describePolicies = AWSOutputShape(command: "aws autoscaling describe-policies", key: "ScalingPolicies")
}

/// One policy of `aws autoscaling describe-policies` (the Auto Scaling API reference's `ScalingPolicy`).
public struct ScalingPolicyRecord: Sendable, Hashable {
    public var policy: ScalingPolicy
    public var arn: String?
    public var group: String?
    /// The names of the alarms that invoke it (`Alarms[].AlarmName`), where the output lists them.
    public var alarmNames: [String]
}

extension CloudWatchFiles {
    /// Decodes `aws autoscaling describe-policies` output into policies; another command's output is refused,
    /// and a field of the wrong kind is an error naming its JSON path. Predictive scaling policies are left
    /// out with a warning; so is a target tracking policy on a metric the preview does not know.
    public static func decodeScalingPolicies(_ bytes: [UInt8], file: String,
                                             warnings: inout [String]) throws(InputError) -> [ScalingPolicyRecord] {
        var out: [ScalingPolicyRecord] = []
        var notes: [String] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.beginOutput(.describePolicies)
            var seen = false
            while let k = try r.nextKey() {
                guard k == AWSOutputShape.describePolicies.key else { try r.skipValue(); continue }
                seen = true
                try r.beginArray()
                while try r.nextElement() {
                    let at = r.pathString
                    var p = PolicyFields()
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        switch f {
                        case "PolicyName": p.name = try r.readString()
                        case "PolicyARN": p.arn = try r.readOptionalString()
                        case "AutoScalingGroupName": p.group = try r.readOptionalString()
                        case "PolicyType": p.type = try r.readOptionalString()
                        case "AdjustmentType": p.adjustmentType = try r.readOptionalString()
                        case "ScalingAdjustment": p.scalingAdjustment = try r.skipNull() ? nil : r.readInt()
                        case "MinAdjustmentMagnitude": p.minAdjustmentMagnitude = try r.skipNull() ? nil : r.readInt()
                        case "Cooldown": p.cooldown = try r.skipNull() ? nil : r.readInt()
                        case "EstimatedInstanceWarmup": p.warmup = try r.skipNull() ? nil : r.readInt()
                        case "Enabled": p.enabled = try r.skipNull() ? true : r.readBool()
                        case "StepAdjustments": p.steps = try readSteps(&r)
                        case "Alarms": p.alarms = try readAlarmNames(&r)
                        case "TargetTrackingConfiguration": p.tracking = try readTracking(&r)
                        default: try r.skipValue()
                        }
                    }
                    guard let name = p.name else { throw InputError(file: file, path: at, message: "a policy without PolicyName") }
                    let group = p.group ?? "*"
                    let kind: ScalingPolicyKind
                    switch p.type ?? "SimpleScaling" {
                    case "TargetTrackingScaling":
                        guard let t = p.tracking, let target = t.target else {
                            throw InputError(file: file, path: at, message: "TargetTrackingScaling without TargetTrackingConfiguration.TargetValue")
                        }
                        guard let metric = t.metric(group: group) else {
                            notes.append("\(file): \(at): \(name) left out: target tracking on \(t.predefined ?? "a metric") the preview does not know")
                            continue
                        }
                        kind = .targetTracking(TargetTrackingConfiguration(metric: metric, targetValue: target,
                                                                           disableScaleIn: t.disableScaleIn))
                    case "StepScaling", "SimpleScaling":
                        let typeText = p.adjustmentType ?? "ChangeInCapacity"
                        guard let type = AdjustmentType(rawValue: typeText) else {
                            throw InputError(file: file, path: at + ".AdjustmentType", message: "unknown adjustment type \"\(typeText)\"")
                        }
                        if p.type == "StepScaling" {
                            guard !p.steps.isEmpty else { throw InputError(file: file, path: at, message: "StepScaling without StepAdjustments") }
                            kind = .step(AdjustmentConfiguration(type: type, steps: p.steps, minAdjustmentMagnitude: p.minAdjustmentMagnitude))
                        } else {
                            guard let adjustment = p.scalingAdjustment else {
                                throw InputError(file: file, path: at, message: "SimpleScaling without ScalingAdjustment")
                            }
                            kind = .simple(AdjustmentConfiguration(type: type, steps: [StepAdjustment(adjustment: adjustment)],
                                                                   minAdjustmentMagnitude: p.minAdjustmentMagnitude, cooldown: p.cooldown))
                        }
                    case "PredictiveScaling":
                        notes.append("\(file): \(at): \(name) left out: predictive scaling, which the preview does not model")
                        continue
                    case let other:
                        throw InputError(file: file, path: at + ".PolicyType", message: "unknown policy type \"\(other)\"")
                    }
                    out.append(ScalingPolicyRecord(
                        policy: ScalingPolicy(name: name, kind: kind, estimatedInstanceWarmup: p.warmup, enabled: p.enabled),
                        arn: p.arn, group: p.group, alarmNames: p.alarms))
                }
            }
            guard seen else { throw AWSOutputShape.describePolicies.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        warnings += notes
        return out
    }

    private struct PolicyFields {
        var name: String?, arn: String?, group: String?, type: String?, adjustmentType: String?
        var scalingAdjustment: Int?, minAdjustmentMagnitude: Int?, cooldown: Int?, warmup: Int?
        var enabled = true
        var steps: [StepAdjustment] = []
        var alarms: [String] = []
        var tracking: TrackingFields?
    }

    private struct TrackingFields {
        var predefined: String?, resourceLabel: String?
        var customName: String?, customNamespace: String?, customStatistic: String?
        var customDimensions: [Dimension] = []
        var target: Double?
        var disableScaleIn = false

        func metric(group: String) -> ScalingMetric? {
            if let predefined { return ScalingMetric.predefined(predefined, group: group, resourceLabel: resourceLabel) }
            guard let customName, let customNamespace else { return nil }
            return ScalingMetric(namespace: customNamespace, name: customName, statistic: customStatistic ?? "Average",
                                 dimensions: customDimensions)
        }
    }

    private static func readSteps(_ r: inout JSONReader) throws(InputError) -> [StepAdjustment] {
        var steps: [StepAdjustment] = []
        if try r.skipNull() { return steps }
        try r.beginArray()
        while try r.nextElement() {
            let at = r.pathString
            var step = StepAdjustment(adjustment: 0)
            var adjustment: Int?
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "MetricIntervalLowerBound": step.lowerBound = try r.skipNull() ? nil : r.readNumber()
                case "MetricIntervalUpperBound": step.upperBound = try r.skipNull() ? nil : r.readNumber()
                case "ScalingAdjustment": adjustment = try r.readInt()
                default: try r.skipValue()
                }
            }
            guard let adjustment else { throw InputError(file: r.file, path: at, message: "a step without ScalingAdjustment") }
            step.adjustment = adjustment
            steps.append(step)
        }
        return steps
    }

    private static func readAlarmNames(_ r: inout JSONReader) throws(InputError) -> [String] {
        var names: [String] = []
        if try r.skipNull() { return names }
        try r.beginArray()
        while try r.nextElement() {
            try r.beginObject()
            while let k = try r.nextKey() {
                if k == "AlarmName" { names.append(try r.readString()) } else { try r.skipValue() }
            }
        }
        return names
    }

    private static func readTracking(_ r: inout JSONReader) throws(InputError) -> TrackingFields? {
        if try r.skipNull() { return nil }
        var t = TrackingFields()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "TargetValue": t.target = try r.readNumber()
            case "DisableScaleIn": t.disableScaleIn = try r.skipNull() ? false : r.readBool()
            case "PredefinedMetricSpecification":
                try r.beginObject()
                while let m = try r.nextKey() {
                    switch m {
                    case "PredefinedMetricType": t.predefined = try r.readString()
                    case "ResourceLabel": t.resourceLabel = try r.readOptionalString()
                    default: try r.skipValue()
                    }
                }
            case "CustomizedMetricSpecification":
                try r.beginObject()
                while let m = try r.nextKey() {
                    switch m {
                    case "MetricName": t.customName = try r.readString()
                    case "Namespace": t.customNamespace = try r.readString()
                    case "Statistic": t.customStatistic = try r.readOptionalString()
                    case "Dimensions":
                        if try r.skipNull() { break }
                        try r.beginArray()
                        while try r.nextElement() {
                            var name: String?, value: String?
                            try r.beginObject()
                            while let d = try r.nextKey() {
                                switch d {
                                case "Name": name = try r.readString()
                                case "Value": value = try r.readString()
                                default: try r.skipValue()
                                }
                            }
                            if let name, let value { t.customDimensions.append(Dimension(name, value)) }
                        }
                    default: try r.skipValue()
                    }
                }
            default: try r.skipValue()
            }
        }
        return t
    }
}
