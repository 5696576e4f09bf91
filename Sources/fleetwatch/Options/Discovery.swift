import FleetCore
import FleetSources

/// Where the command line turns a configuration's `discover:` into fleets, before any poller is made.
enum Discovery {
    /// `config` with the fleets `discover:` finds appended to the ones it lists.
    static func resolve(_ config: FleetConfig) async throws -> FleetConfig {
        guard let node = config.discover else { return config }
        // Issue 15's discovery (DescribeAutoScalingGroups by tags) replaces this refusal.
        throw node.error("discovery is not built yet: list the fleets under `fleets:`")
    }
}
