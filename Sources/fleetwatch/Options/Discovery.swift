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

extension Discovery {
    /// A discovery run again while the dashboard runs (`discover: every:`): the fleets it finds,
    /// named as ``resolve(_:)`` names them (listed fleets' names kept out of the way).
    struct Rerun: Sendable {
        var every: TimeInterval
        var run: @Sendable () async throws -> [FleetEntry]
    }

    /// The rerun of `file`'s `discover:` (nil without one). AWS throttling backs the next runs off
    /// (``ThrottleGate``: at least `every:`, doubling to 15 minutes); any failure throws, and the
    /// caller keeps its fleets.
    static func rerun(_ file: FleetConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                      transport: any AWSTransport = AsyncHTTPTransport()) throws -> Rerun? {
        guard let node = file.discover else { return nil }
        let settings = try FleetDiscovery.Settings(node)
        let discovery = FleetDiscovery(settings: settings, environment: environment, transport: transport)
        let gate = ThrottleGate()
        let (sources, alarms) = (file.defaultSources, file.defaultAlarms)
        let taken = Set(file.fleets.map(\.fleet.name))
        return Rerun(every: settings.every) {
            let now = Date()
            try gate.check(now: now, operation: "DescribeAutoScalingGroups", service: "autoscaling")
            do {
                let found = try await discovery.find()
                gate.succeeded()
                return discovery.entries(found, sources: sources, alarms: alarms, taken: taken)
            } catch let error as AWSAPIError where error.isThrottling {
                gate.throttled(at: now, minimum: settings.every)
                throw error
            }
        }
    }
}
