import FleetCore
import Foundation

/// One kind of source a configuration may name (`kind: mock`): its key, and how it reads its own keys
/// from an entry and makes the source with its schedule. Each module that holds a source holds its
/// kind; the executable registers the kinds it links in a ``SourceRegistry``, so adding a kind edits
/// no switch.
public protocol SourceKind: Sendable {
    /// The `kind:` value that selects this kind.
    var key: String { get }

    /// Reads `entry`'s keys (refusing unknown ones, errors naming the file and line) and makes the
    /// source with the interval it is polled at.
    func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource
}

/// What building a source may depend on besides its entry.
public struct SourceContext: Sendable {
    /// The fleet the configuration describes.
    public var fleet: FleetInfo
    /// Wall-clock time now.
    public var now: Date
    /// Seconds between refreshes: the default poll interval.
    public var refresh: TimeInterval
    /// Simulated history a mock source starts with (so charts are not empty).
    public var mockPrefill: TimeInterval
    /// The fleet's AWS profile (`profile:` of its `fleets:` item), used unless the source names one.
    public var profile: String?
    /// The fleet's target group (`target_group:` of its `fleets:` item), unless the source names one.
    public var targetGroup: String?
    /// True when the fleet's region was chosen for it (an item of `fleets:`, a fleet `discover:` found):
    /// then it wins over the AWS profile's or environment's default region.
    public var regionIsChosen = false

    public init(fleet: FleetInfo, now: Date, refresh: TimeInterval, mockPrefill: TimeInterval,
                profile: String? = nil, targetGroup: String? = nil) {
        self.fleet = fleet
        self.profile = profile
        self.targetGroup = targetGroup
        self.now = now
        self.refresh = refresh
        self.mockPrefill = mockPrefill
    }
}
