import AlarmDefinitions
import FleetCore

extension FleetConfig {
    /// The configuration's `scaling:` (a path relative to the configuration: Terraform `.tf` or a folder of
    /// them, or `aws autoscaling describe-policies` output), read by ``ScalingPolicyLoader`` with the
    /// configuration's `alarms:` attached to the step and simple policies they invoke. Nil without the key.
    /// With several fleets, the policies of every fleet that names none of its own.
    public func loadScaling() throws -> (loaded: LoadedScaling, file: String)? {
        var entry = primary
        entry.scaling = nil
        return try loadScaling(for: entry)
    }

    /// `entry`'s scaling policies: its own `scaling:` with its own `alarms:`, else the top-level
    /// `scaling:`. Nil when neither names any.
    public func loadScaling(for entry: FleetEntry) throws -> (loaded: LoadedScaling, file: String)? {
        guard let node = entry.scaling ?? scaling else { return nil }
        let path = try node.filePath()
        return (try ScalingPolicyLoader.load(path: path, alarms: entry.alarms == nil ? nil : entry.loadAlarms(file: file)), path)
    }
}
