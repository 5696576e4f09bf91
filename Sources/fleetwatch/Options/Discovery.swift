import FleetCloudWatch
import FleetCore
import FleetSources
import Foundation

/// Where the command line turns a configuration's `discover:` into fleets, before any poller is made.
enum Discovery {
    /// `config` with the fleets `discover:` finds (``FleetDiscovery``) appended to the ones it lists,
    /// each taking the top-level `sources:` and `alarms:`. Bad `discover:` keys are input errors
    /// naming the file and line; an AWS failure, or nothing found, is one line naming `discover:`.
    static func resolve(_ config: FleetConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                        transport: any AWSTransport = AsyncHTTPTransport()) async throws -> FleetConfig {
        guard let node = config.discover else { return config }
        let settings = try FleetDiscovery.Settings(node)
        guard !config.defaultSources.isEmpty else {
            throw node.error("the fleets found take the top-level `sources:`, and there is none (add e.g. `sources: [{kind: cloudwatch}]`)")
        }
        let discovery = FleetDiscovery(settings: settings, environment: environment, transport: transport)
        let place = "\(config.file):\(node.line.map(String.init) ?? "?")"
        let found: [FleetDiscovery.Found]
        do {
            found = try await discovery.find()
        } catch {
            throw CLIError("\(place): discover: \(error)")
        }
        var resolved = config
        resolved.fleets += discovery.entries(found, sources: config.defaultSources, alarms: config.defaultAlarms,
                                             taken: Set(config.fleets.map(\.fleet.name)))
        if resolved.fleets.isEmpty {
            let tags = settings.tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            throw CLIError("\(place): discover: no Auto Scaling group in \(settings.regions.joined(separator: ", ")) has the tags \(tags)")
        }
        return resolved
    }
}
