import ArgumentParser
import FleetCore
import FleetSources
import Foundation

extension Scenario: ExpressibleByArgument {}

/// Where the data comes from.
struct SourceOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case mock
    }

    @Option(help: "A configuration file (YAML) naming the fleet and its sources; see README.md.")
    var config: String?

    @Option(help: "The data source: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var source: Kind?

    @Option(help: "The simulator's scenario: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: Scenario?

    @Option(help: "The simulator's seed: the same seed and start give the same fleet.")
    var seed: UInt64 = 1

    @Option(help: "Simulated seconds per wall-clock second.")
    var speed: Double?

    @Option(help: "The simulated time to start at (ISO 8601 UTC or epoch seconds); default now.")
    var start: String?

    @Option(help: "Simulate this many fleets (1…\(SimulatedFleets.maximum)), of varied sizes and scenarios, on the overview.")
    var fleets: Int?

    func validate() throws {
        if config != nil, source != nil || scenario != nil || speed != nil || start != nil {
            throw ValidationError("--config names the sources; leave out --source, --scenario, --speed and --start")
        }
        if let fleets {
            guard (1...SimulatedFleets.maximum).contains(fleets) else {
                throw ValidationError("--fleets must be between 1 and \(SimulatedFleets.maximum), got \(fleets)")
            }
            if config != nil || scenario != nil || source != nil {
                throw ValidationError("--fleets simulates fleets of its own scenarios; leave out --config, --source and --scenario")
            }
        }
        if let speed, !(speed > 0 && speed <= 100_000) {
            throw ValidationError("--speed must be between 0 and 100000, got \(speed)")
        }
        if let start, ISOTime.parse(start) == nil {
            throw ValidationError("--start: '\(start)' is not an ISO 8601 time (2026-01-05T12:00:00Z) or epoch seconds")
        }
    }

    /// True when nothing about the source was given: the built-in demo.
    var isDemo: Bool { config == nil && source == nil && scenario == nil && speed == nil && start == nil && fleets == nil }

    var startDate: Date? { start.flatMap(ISOTime.parse) }

    /// The start rounded down to the minute, so datapoints fall on minute boundaries.
    static func minute(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }
}
