import FleetCore
import Foundation
import Yams

/// `--fleets N`: N simulated fleets for demos and the overview's benchmark, each a `kind: mock`
/// source read by its registered kind, with its own name, region, account, zones, size, scenario
/// and seed. The same seed always gives the same fleets. About a fifth are in trouble (an AZ
/// outage, a bad deploy, a traffic spike), each started at its own point of its story so that
/// some are in ALARM at once and some go to ALARM minutes later.
public enum SimulatedFleets {
    static let services = [
        "erato-backend", "billing-api", "search-frontend", "checkout", "auth-service", "media-transcoder",
        "notifications", "inventory", "recommendations", "payments-gateway", "catalog", "user-profile",
        "orders", "shipping", "analytics-ingest", "reports", "edge-gateway", "chat", "image-resizer", "ledger",
    ]
    /// Name suffix, region, account and zone letters of each variant of a service.
    static let variants: [(suffix: String, region: String, account: String, zones: String)] = [
        ("", "us-east-1", "prod", "abc"), ("-eu", "eu-west-1", "prod", "abc"), ("-staging", "us-east-2", "staging", "abc"),
        ("-ap", "ap-southeast-2", "prod", "abc"), ("-canary", "us-west-2", "prod", "ab"), ("-dr", "us-west-1", "dr", "ac"),
        ("-dev", "eu-central-1", "dev", "abc"), ("-sa", "sa-east-1", "prod", "abc"),
    ]

    /// The largest N: every service in every variant, up to ``Ceilings/simulatedFleets``.
    public static var maximum: Int { min(Ceilings.simulatedFleets, services.count * variants.count * 4) }

    /// A configuration of `count` simulated fleets polled every `refresh` seconds.
    public static func config(count: Int, seed: UInt64, refresh: TimeInterval, speed: Double = 1,
                              start: String? = nil) throws -> FleetConfig {
        precondition((1...maximum).contains(count), "1…\(maximum) fleets")
        var rng = SplitMix64(seed: seed, stream: 11)
        // Every service in every variant, in the seed's order, a round at a time (then `-2`, `-3`, …).
        var names: [(service: Int, variant: Int, round: Int)] = []
        for round in 0..<4 where names.count < count {
            var grid = variants.indices.flatMap { v in services.indices.map { (service: $0, variant: v, round: round) } }
            grid.shuffle(using: &rng)
            names += grid
        }
        names = Array(names.prefix(count))
        let file = "--fleets \(count)"
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var entries: [FleetEntry] = []
        for (i, pick) in names.enumerated() {
            let variant = variants[pick.variant]
            let name = services[pick.service] + variant.suffix + (pick.round > 0 ? "-\(pick.round + 1)" : "")
            let fleet = FleetInfo(name: name, region: variant.region,
                                  zones: variant.zones.map { "\(variant.region)\($0)" },
                                  loadBalancer: name + "-alb", autoScalingGroup: name + "-asg")
            // A few in trouble, at fixed places of the seed's order: 1 in 10 an AZ outage, 1 in 10 a bad
            // deploy, 1 in 20 a traffic spike.
            let scenario: Scenario = i % 10 == 3 ? .azOutage : i % 10 == 6 ? .badDeploy : i % 20 == 9 ? .trafficSpike : .steady
            let minSize = [2, 3, 4, 6, 6, 9, 12][Int(rng.next() % 7)]
            var settings: [(String, String)] = [
                ("kind", "mock"), ("scenario", scenario.rawValue), ("seed", String(seed &* 1000 &+ UInt64(i))),
                ("speed", String(speed)), ("min_size", String(minSize)), ("max_size", String(minSize * 2)),
            ]
            // Into its story by this many minutes: an outage in progress or about to start.
            switch scenario {
            case .azOutage: settings.append(("prefill", "\(10 + rng.next() % 60)m"))
            case .badDeploy: settings.append(("prefill", "\(5 + rng.next() % 35)m"))
            case .trafficSpike: settings.append(("prefill", "\(10 + rng.next() % 40)m"))
            case .steady: break
            }
            if let start { settings.append(("start", start)) }
            let node = ConfigNode(node: .mapping(Node.Mapping(settings.map { (Node($0.0), Node($0.1)) })), file: file,
                                  path: "fleets[\(i)]", baseDirectory: base)
            entries.append(FleetEntry(fleet: fleet, account: variant.account, sources: [try SourceConfig(node)]))
        }
        var config = FleetConfig(file: file, fleet: entries[0].fleet, refresh: refresh, history: FleetConfig.defaultHistory,
                                 sources: entries[0].sources, alarms: nil)
        config.fleets = entries
        return config
    }
}
