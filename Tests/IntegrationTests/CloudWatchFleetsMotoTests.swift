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

    /// moto's log since the last reset: per request a JSON object with its headers and body. moto's
    /// threads append to the file concurrently and a big entry (GetMetricData) is flushed in 8 KiB
    /// pieces, so entries can interleave; each entry's headers come first, within its first piece,
    /// so each `{"headers": {…}` object is read on its own (and, for the Query protocol, the small
    /// entry's form body after it).
    static func logged(_ server: MotoServer) async throws -> [Logged] {
        let text = Array(try await recorder(server, "download-recording"))
        let marker = Array(#"{"headers": "#.utf8)
        var out: [Logged] = []
        var i = 0
        while i + marker.count <= text.count {
            guard text[i..<(i + marker.count)].elementsEqual(marker) else { i += 1; continue }
            let open = i + marker.count
            guard let close = Self.objectEnd(text, from: open),
                  let headers = try? JSONSerialization.jsonObject(with: Data(text[open...close])) as? [String: String] else {
                i += 1
                continue
            }
            func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
            var operation = header("X-Amz-Target").map { String($0.split(separator: ".").last ?? "") }
            if operation == nil {  // Query protocol: the form body (base64) follows in the same small entry
                let rest = String(decoding: text[close...].prefix(4096), as: UTF8.self)
                if let r = rest.range(of: #""body": ""#) {
                    let field = String(rest[r.upperBound...].prefix { $0 != "\"" })
                    let form = Data(base64Encoded: field).map { String(decoding: $0, as: UTF8.self) } ?? field
                    operation = form.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) }
                }
            }
            // Credential=KEY/DATE/REGION/SERVICE/aws4_request
            let scope = header("Authorization")?.components(separatedBy: "Credential=").dropFirst().first?
                .split(separator: ",").first?.split(separator: "/").map(String.init) ?? []
            out.append(Logged(operation: operation ?? "?", region: scope.count > 2 ? scope[2] : "?", keyId: scope.first ?? "?"))
            i = close + 1
        }
        return out
    }

    /// The index of the `}` closing the JSON object that starts at `from` (strings skipped).
    static func objectEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var depth = 0, inString = false, escaped = false
        for j in from..<bytes.count {
            let c = bytes[j]
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return j }
            default: break
            }
        }
        return nil
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
            let transport = CountingTransport()  // what fleetwatch put on the wire: a second, independent count
            let kind = CloudWatchSourceKind(links: CloudWatchLinks(gather: 120), environment: seeded.environment, transport: transport)
            let registry = SourceRegistry([kind])
            let now = seeded.end.addingTimeInterval(30)
            let pollers = try config.fleets.map { try registry.poller(for: $0, in: config, now: now, mockPrefill: 0) }
            #expect(kind.links.count == 4)

            _ = try await Self.recorder(seeded.server, "start-recording")
            var report: [String] = []
            for refresh in 0..<2 {
                _ = try await Self.recorder(seeded.server, "reset-recording")
                transport.reset()
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
                #expect(transport.operations.filter { $0 == "GetMetricData" }.count == 4)
                #expect(log.filter { $0.operation == "GetMetricData" }.count == 4)
                let alarms = perRegionAccount("DescribeAlarms")
                #expect(alarms == expected, "refresh \(refresh): DescribeAlarms \(alarms)")
                // Scaling activities: one account-wide call per region-account (moto lists none, so one
                // page; the paging and each fleet's share are tested on API-reference fixtures in
                // ScalingActivitiesBatchTests). Instance refreshes and target health take one group /
                // target group per call (the APIs require one): one per fleet.
                let activities = perRegionAccount("DescribeScalingActivities")
                #expect(activities == expected, "refresh \(refresh): DescribeScalingActivities \(activities)")
                let perFleet = ["us-east-1/prod": 2, "eu-west-1/prod": 2, "us-east-1/staging": 2, "eu-west-1/staging": 1]
                #expect(perRegionAccount("DescribeInstanceRefreshes") == perFleet, "refresh \(refresh)")
                #expect(perRegionAccount("DescribeTargetHealth") == perFleet, "refresh \(refresh)")
                func text(_ counts: [String: Int]) -> String { counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
                report.append("refresh \(refresh + 1): \(log.count) requests; GetMetricData \(text(gmd)); DescribeAutoScalingGroups \(text(asg)); DescribeAlarms \(text(alarms)); DescribeScalingActivities \(text(activities))")
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
