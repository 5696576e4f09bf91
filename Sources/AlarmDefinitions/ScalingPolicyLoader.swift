import AWSFormats
import FleetCore
import Foundation

/// The front door for `--scaling`: Terraform (a `.tf` file or a module folder) or `aws autoscaling
/// describe-policies` output (`.json`, or any file holding `ScalingPolicies`). Alarm definitions given beside
/// (`--alarms`: describe-alarms, Terraform or YAML) are attached to the step and simple policies their
/// `AlarmActions` name, or that list them in `Alarms`.
public enum ScalingPolicyLoader {
    public static func load(path: String, alarms: LoadedAlarms? = nil, groupFile: String? = nil) throws -> LoadedScaling {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        var loaded: LoadedScaling
        var alarmNames: [String: [String]] = [:]
        var arns: [String: String] = [:]
        if isDirectory.boolValue || path.hasSuffix(".tf") {
            loaded = try TerraformScaling.load(path: path)
        } else {
            let text = try AlarmDefinitionLoader.read(path, budget: AlarmDefinitionLoader.maxBytes)
            guard !text.contains("resource") || text.contains("\"ScalingPolicies\"") else {
                return try TerraformScaling.load(files: [(path, text)])
            }
            var warnings: [String] = []
            let records = try CloudWatchFiles.decodeScalingPolicies(Array(text.utf8), file: path, warnings: &warnings)
            loaded = LoadedScaling(policies: records.map(\.policy), notes: warnings)
            loaded.group.name = records.compactMap(\.group).first
            for record in records {
                alarmNames[record.policy.name] = record.alarmNames
                if let arn = record.arn { arns[record.policy.name] = arn }
                loaded.places[record.policy.name] = path
            }
        }
        if let groupFile { try applyGroup(groupFile, to: &loaded) }
        guard let alarms else { return loaded }
        loaded.alarms.append(alarms)
        for index in loaded.policies.indices {
            let policy = loaded.policies[index]
            switch policy.kind {
            case .targetTracking: continue
            case .step, .simple: break
            }
            let known = Set(policy.alarms.map(\.name))
            for definition in alarms.definitions where !known.contains(definition.name) {
                let actions = alarms.actions[definition.name] ?? []
                let named = (alarmNames[policy.name] ?? []).contains(definition.name)
                let invoked = actions.contains { action in
                    action == arns[policy.name] || action.hasSuffix(":policyName/\(policy.name)")
                }
                if named || invoked { loaded.policies[index].alarms.append(definition) }
            }
        }
        return loaded
    }

    /// The group's limits, warm-up and cooldown from `aws autoscaling describe-auto-scaling-groups` output (the
    /// group the policies name, else the first); they replace what the policies' files say.
    static func applyGroup(_ path: String, to loaded: inout LoadedScaling) throws {
        let text = try AlarmDefinitionLoader.read(path, budget: AlarmDefinitionLoader.maxBytes)
        var warnings: [String] = []
        var groups: [AutoScalingGroupRecord] = []
        _ = try CloudWatchFiles.decodeAutoScalingGroups(Array(text.utf8), file: path, warnings: &warnings, groups: &groups)
        guard let group = groups.first(where: { $0.name != nil && $0.name == loaded.group.name }) ?? groups.first else {
            throw InputError(file: path, message: "no Auto Scaling group in it")
        }
        loaded.group = AutoScalingGroupRecord(
            name: group.name ?? loaded.group.name, minSize: group.minSize ?? loaded.group.minSize,
            maxSize: group.maxSize ?? loaded.group.maxSize, desiredCapacity: group.desiredCapacity ?? loaded.group.desiredCapacity,
            defaultInstanceWarmup: group.defaultInstanceWarmup ?? loaded.group.defaultInstanceWarmup,
            defaultCooldown: group.defaultCooldown ?? loaded.group.defaultCooldown)
    }
}
