import AlarmDefinitions
import FleetCore

extension FleetConfig {
    /// The configuration's `scaling:` (a path relative to the configuration: Terraform `.tf` or a folder of
    /// them, or `aws autoscaling describe-policies` output), read by ``ScalingPolicyLoader`` with the
    /// configuration's `alarms:` attached to the step and simple policies they invoke. Nil without the key.
    public func loadScaling() throws -> (loaded: LoadedScaling, file: String)? {
        guard let node = scaling else { return nil }
        let path = try node.filePath()
        return (try ScalingPolicyLoader.load(path: path, alarms: alarms == nil ? nil : loadAlarms()), path)
    }
}
