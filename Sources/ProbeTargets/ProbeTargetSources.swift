import FleetCore
import FleetSources
import Foundation

/// Where a probe source's targets and settings come from: a targets file, AWS CLI output, or a
/// targets file whose defaults go over a target group's settings.
public struct ProbeTargetSources: Sendable, Hashable {
    /// A targets file (YAML): `defaults:` and `targets:`.
    public var targets: String?
    /// `aws elbv2 describe-target-groups` output: the health-check settings.
    public var targetGroup: String?
    /// `aws elbv2 describe-target-health` output: the targets.
    public var targetHealth: String?
    /// `aws ec2 describe-instances` output: private IPs and zones.
    public var instances: String?

    public init(targets: String? = nil, targetGroup: String? = nil, targetHealth: String? = nil, instances: String? = nil) {
        self.targets = targets
        self.targetGroup = targetGroup
        self.targetHealth = targetHealth
        self.instances = instances
    }

    /// What is wrong with the combination, if anything.
    public var problem: String? {
        if targets == nil, targetHealth == nil, instances == nil {
            return "name a targets file, or describe-target-health / describe-instances output"
        }
        if targets != nil, targetHealth != nil || instances != nil {
            return "take the targets from a targets file or from AWS output, not both"
        }
        return nil
    }

    /// Loads the targets. Errors are ``InputError``s naming the file and where in it.
    public func load() throws -> [ProbeTarget] {
        var base = ProbeSettings.alb
        var usesTrafficPort = false
        if let targetGroup {
            let tg = try AWSTargetImport.settings(targetGroupFile: targetGroup)
            base = tg.settings
            usesTrafficPort = tg.trafficPort != nil
        }
        if let targets { return try ProbeTargetsFile.load(path: targets, base: base) }
        return try AWSTargetImport.targets(targetHealthFile: targetHealth, instancesFile: instances,
                                           settings: base, usesTrafficPort: usesTrafficPort)
    }
}
