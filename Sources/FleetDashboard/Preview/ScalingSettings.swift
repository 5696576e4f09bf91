import FleetCore

/// The group's scaling policies as the dashboard is given them (the configuration's `scaling:`, `--scaling`,
/// or the built-in demo's): what the scaling view replays over the fleet's data.
public struct ScalingSettings: Sendable, Hashable {
    public var policies: [ScalingPolicy]
    public var group: ScalingGroup
    /// Where they came from, for the view's title (`erato-scaling.tf`).
    public var origin: String
    public var assumptions: ScalingAssumptions
    public var model: LoadModel

    public init(policies: [ScalingPolicy], group: ScalingGroup, origin: String,
                assumptions: ScalingAssumptions = .standard, model: LoadModel = .proportional) {
        self.policies = policies
        self.group = group
        self.origin = origin
        self.assumptions = assumptions
        self.model = model
    }
}
