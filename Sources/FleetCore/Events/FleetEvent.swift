import Foundation

/// One thing that happened to the fleet, as the events panel lists it: when, what kind, where
/// (zone and instance when it has them) and one line of text in AWS's own wording.
public struct FleetEvent: Sendable, Hashable, Codable {
    /// What kind of thing happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An Auto Scaling activity that changed the desired capacity (`describe-scaling-activities`).
        case scaling
        /// An alarm changed state (`describe-alarm-history`, `StateUpdate`).
        case alarm
        /// A target's health changed (derived from ``TargetHealthMachine`` or successive
        /// `describe-target-health` reads).
        case health
        /// An instance was launched ("Launching a new EC2 instance: i-…").
        case launch
        /// An instance was terminated ("Terminating EC2 instance: i-…").
        case terminate
        /// Instance refresh progress (`describe-instance-refreshes`).
        case refresh

        /// Short label for the events panel.
        public var label: String {
            switch self {
            case .scaling: "scale"
            case .alarm: "alarm"
            case .health: "health"
            case .launch: "launch"
            case .terminate: "term"
            case .refresh: "refresh"
            }
        }
    }

    public var time: Date
    public var kind: Kind
    public var zone: String?
    public var instance: String?
    /// One line, in AWS's wording where AWS words it.
    public var text: String
    /// A stable identity when the source has one (an activity id, a refresh id): a later event
    /// with the same id replaces the earlier one (an activity going from `InProgress` to
    /// `Successful`), so re-reading the same AWS output adds nothing.
    public var id: String?

    public init(time: Date, kind: Kind, zone: String? = nil, instance: String? = nil, text: String, id: String? = nil) {
        self.time = time
        self.kind = kind
        self.zone = zone
        self.instance = instance
        self.text = text
        self.id = id
    }
}
