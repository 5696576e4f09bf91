import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// Seven fleets in two regions and two accounts (profiles `prod` and `staging`, different keys in a
/// temporary shared credentials file; moto keeps an account per access key) against one moto_server
/// (Tests/Fixtures/moto/seed-fleets.py). Requests are counted from moto's own request log (its
/// recorder, `/moto-api/recorder/…`), by the operation and by the region and access key in each
/// request's SigV4 credential scope.
@Suite("Many fleets against moto: one GetMetricData per region and account per refresh", .serialized, .integration)
struct CloudWatchFleetsMotoTests {
    struct Seeded: Sendable {
        let server: MotoServer
        let directory: URL
        let environment: [String: String]
        let fleets: [[String: String]]
        let cpu: [String: Double]
        let keys: [String: String]  // access key id -> profile
        let end: Date
    }

    /// One request moto logged: operation, region, access key id.
    struct Logged: Hashable {
        var operation: String
        var region: String
        var keyId: String
    }

    static func withSeededMoto(_ body: (Seeded) async throws -> Void) async throws {
        let dir = try TemporaryDirectory.make("fleets-moto")
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try MotoServer(environment: ["MOTO_RECORDER_FILEPATH": dir.appendingPathComponent("requests.jsonl").path])
        defer { server.stop() }
        try await server.waitUntilReady()
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let out = try server.seed(script: "moto/seed-fleets.py", [String(Int(end.timeIntervalSince1970))])
        let prod = try #require(out["prod_key"] as? [String]), staging = try #require(out["staging_key"] as? [String])
        let credentials = """
            [prod]
            aws_access_key_id = \(prod[0])
            aws_secret_access_key = \(prod[1])

            [staging]
            aws_access_key_id = \(staging[0])
            aws_secret_access_key = \(staging[1])
            """
        try credentials.write(to: dir.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        let environment = ["HOME": dir.path, "AWS_SHARED_CREDENTIALS_FILE": dir.appendingPathComponent("credentials").path,
                           "AWS_CONFIG_FILE": dir.appendingPathComponent("config").path]
        let raw = try #require(out["fleets"] as? [[String: Any]])
        let fleets = raw.map { f in f.compactMapValues { $0 as? String } }
        let cpu = Dictionary(uniqueKeysWithValues: raw.map { ($0["name"] as! String, $0["cpu"] as! Double) })
        try await body(Seeded(server: server, directory: dir, environment: environment, fleets: fleets, cpu: cpu,
                              keys: [prod[0]: "prod", staging[0]: "staging"], end: end))
    }

    static func recorder(_ server: MotoServer, _ action: String) async throws -> [UInt8] {
        let r = try await AsyncHTTPTransport().send(AWSHTTPRequest(
            method: action == "download-recording" ? "GET" : "POST", url: "\(server.endpoint)/moto-api/recorder/\(action)",
            headers: [], body: []))
        #expect(r.status == 200, "recorder \(action): HTTP \(r.status)")
        return r.body
    }

    /// moto's log since the last reset: one JSON object a line with the request's headers and body.
    static func logged(_ server: MotoServer) async throws -> [Logged] {
        let text = String(decoding: try await recorder(server, "download-recording"), as: UTF8.self)
        return try text.split(separator: "\n").map { line in
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let headers = (entry["headers"] as? [String: String] ?? [:])
            func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
            var body = entry["body"] as? String ?? ""
            if entry["body_encoded"] as? Bool == true, let data = Data(base64Encoded: body) { body = String(decoding: data, as: UTF8.self) }
            let operation = header("X-Amz-Target").map { String($0.split(separator: ".").last ?? "") }
                ?? body.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? "?"
            // Credential=KEY/DATE/REGION/SERVICE/aws4_request
            let scope = header("Authorization")?.components(separatedBy: "Credential=").dropFirst().first?
                .split(separator: ",").first?.split(separator: "/").map(String.init) ?? []
            return Logged(operation: operation, region: scope.count > 2 ? scope[2] : "?", keyId: scope.first ?? "?")
        }
    }

    @Test func oneGetMetricDataPerRegionAndAccountPerRefresh() async throws {
        try await Self.withSeededMoto { seeded in
            var yaml = "fleets:\n"
            for f in seeded.fleets {
                let zones = f["region"] == "us-east-1" ? "[us-east-1a, us-east-1b]" : "[eu-west-1a, eu-west-1b]"
                let profile = f["account"] == "prod" ? "prod" : "staging"
                yaml += "  - {name: \(f["name"]!), region: \(f["region"]!), zones: \(zones), profile: \(profile), "
                    + "auto_scaling_group: \(f["group"]!), load_balancer: \(f["load_balancer"]!), target_group: \(f["target_group"]!)}\n"
            }
            yaml += "sources: [{kind: cloudwatch, endpoint: \"\(seeded.server.endpoint)\"}]\n"
            let config = try FleetConfig.parse(yaml, file: "fleets.yaml", baseDirectory: seeded.directory)
            #expect(config.fleets.count == 7)
            // A long gather: a round leaves when every fleet asked, however slow moto is (the deadline
            // itself is tested on a manual clock in FleetCloudWatchTests).
            let kind = CloudWatchSourceKind(links: CloudWatchLinks(gather: 120), environment: seeded.environment)
            let registry = SourceRegistry([kind])
            let now = seeded.end.addingTimeInterval(30)
            let pollers = try config.fleets.map { try registry.poller(for: $0, in: config, now: now, mockPrefill: 0) }
            #expect(kind.links.count == 4)

            _ = try await Self.recorder(seeded.server, "start-recording")
            var report: [String] = []
            for refresh in 0..<2 {
                _ = try await Self.recorder(seeded.server, "reset-recording")
                let t = now.addingTimeInterval(Double(refresh) * 60)
                await withTaskGroup(of: Void.self) { group in
                    for p in pollers { group.addTask { await p.pollOnce(now: t) } }
                }
                let log = try await Self.logged(seeded.server)
                func perRegionAccount(_ op: String) -> [String: Int] {
                    var counts: [String: Int] = [:]
                    for l in log where l.operation == op { counts["\(l.region)/\(seeded.keys[l.keyId] ?? l.keyId)", default: 0] += 1 }
                    return counts
                }
                let expected = ["us-east-1/prod": 1, "eu-west-1/prod": 1, "us-east-1/staging": 1, "eu-west-1/staging": 1]
                let gmd = perRegionAccount("GetMetricData"), asg = perRegionAccount("DescribeAutoScalingGroups")
                #expect(gmd == expected, "refresh \(refresh): GetMetricData \(gmd)")
                #expect(asg == expected, "refresh \(refresh): DescribeAutoScalingGroups \(asg)")
                func text(_ counts: [String: Int]) -> String { counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
                report.append("refresh \(refresh + 1): \(log.count) requests; GetMetricData \(text(gmd)); DescribeAutoScalingGroups \(text(asg))")
            }
            print("moto request log (7 fleets, 2 regions x 2 accounts): " + report.joined(separator: "; "))

            // Each fleet got its own account's data back from the shared requests.
            for (entry, poller) in zip(config.fleets, pollers) {
                let state = await poller.state
                #expect(state.sources.first?.health == .ok, "\(entry.fleet.name): \(state.sources.first?.lastError ?? "")")
                #expect(state.panelSeries(.cpu)?.latest?.value == seeded.cpu[entry.fleet.name], "\(entry.fleet.name)")
                #expect(state.instances.count == 1, "\(entry.fleet.name)")
            }
        }
    }

    @Test func discoveryFindsExactlyTheTaggedGroupsInTwoRegions() async throws {
        try await Self.withSeededMoto { seeded in
            for profile in ["prod", "staging"] {
                let settings = FleetDiscovery.Settings(regions: ["us-east-1", "eu-west-1"], tags: [("Application", "erato")],
                                                       profile: profile, endpoint: AWSEndpoint(url: seeded.server.endpoint))
                let discovery = FleetDiscovery(settings: settings, environment: seeded.environment)
                let found = try await discovery.find()
                let mine = seeded.fleets.filter { $0["account"] == profile }
                #expect(found.map(\.group.name) == mine.map { $0["group"]! }, "\(profile)")
                for (f, seed) in zip(found, mine) {
                    #expect(f.region == seed["region"])
                    #expect(f.targetGroup?.name == seed["target_group"])
                    #expect(f.loadBalancer?.name == seed["load_balancer"])
                }
                let entries = discovery.entries(found, sources: [], alarms: nil)
                #expect(entries.allSatisfy { $0.profile == profile && $0.fleet.zones.count == 2 })
                #expect(!entries.contains { $0.fleet.autoScalingGroup == "other-asg" })
            }
        }
    }
}
