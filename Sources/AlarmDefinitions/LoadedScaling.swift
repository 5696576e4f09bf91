import AWSFormats
import FleetCore

/// Scaling policies and what is known of their group, from Terraform or `describe-policies` /
/// `describe-auto-scaling-groups` output.
public struct LoadedScaling: Sendable, Hashable {
    /// The group's settings as far as the files state them (nil: not stated, or computed by Terraform): the
    /// same record `describe-auto-scaling-groups` is read into.
    public typealias GroupSettings = AutoScalingGroupRecord

    /// Step and simple policies carry the alarms whose actions invoke them.
    public var policies: [ScalingPolicy]
    public var group: GroupSettings
    /// `file:line` where each policy is written, by policy name.
    public var places: [String: String]
    /// What was skipped or guessed, one line each.
    public var notes: [String]
    /// Alarm definitions read beside the policies (with unresolved dimensions, for matching series).
    public var alarms: LoadedAlarms

    public init(policies: [ScalingPolicy] = [], group: GroupSettings = .init(), places: [String: String] = [:],
                notes: [String] = [], alarms: LoadedAlarms = LoadedAlarms()) {
        self.policies = policies
        self.group = group
        self.places = places
        self.notes = notes
        self.alarms = alarms
    }
}
