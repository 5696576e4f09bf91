import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// `discover:`: its keys, and the three describe answers (API-reference-shaped, Tests/Fixtures/discovery)
/// read through the module's XML reader into fleets — against a scripted transport, no network.
@Suite("Fleet discovery")
struct FleetDiscoveryTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: FixtureFiles.url("discovery/\(name)")))
    }

    static func settings(_ yaml: String) throws -> FleetDiscovery.Settings {
        let config = try FleetConfig.parse(yaml, file: "fleets.yaml", baseDirectory: URL(fileURLWithPath: "/tmp"))
        return try FleetDiscovery.Settings(try #require(config.discover))
    }

    @Test func settingsReadTheDocumentedKeysAndRefuseMistakesWithFileAndLine() throws {
        let s = try Self.settings("""
            discover: {regions: [us-east-1, eu-west-1], tags: {Application: erato, Environment: prod}, profile: prod}
            sources: [{kind: cloudwatch}]
            """)
        #expect(s.regions == ["us-east-1", "eu-west-1"])
        #expect(s.tags.map(\.key) == ["Application", "Environment"])
        #expect(s.tags.map(\.value) == ["erato", "prod"])
        #expect(s.profile == "prod")

        func error(_ yaml: String) -> String {
            do { _ = try Self.settings(yaml); return "no error" } catch { return "\(error)" }
        }
        #expect(error("discover:\n  regions: [us-east-1]\n  tags: {A: b}\n  tag: {A: b}\nsources: [{kind: cloudwatch}]\n")
            .hasPrefix("fleets.yaml:4: discover.tag: unknown key"))
        #expect(error("discover:\n  regions: [us-east]\n  tags: {A: b}\nsources: [{kind: cloudwatch}]\n")
            == "fleets.yaml:2: discover.regions[0]: 'us-east' is not an AWS region name (like us-east-1)")
        #expect(error("discover:\n  regions: [us-east-1]\nsources: [{kind: cloudwatch}]\n")
            .hasPrefix("fleets.yaml:2: discover.tags: required key is missing"))
        #expect(error("discover:\n  regions: [us-east-1]\n  tags: {}\nsources: [{kind: cloudwatch}]\n")
            .hasPrefix("fleets.yaml:3: discover.tags: at least one tag is needed"))
        #expect(error("discover:\n  regions: []\n  tags: {A: b}\nsources: [{kind: cloudwatch}]\n")
            .hasPrefix("fleets.yaml:2: discover.regions: at least one region is needed"))
        #expect(error("discover:\n  regions: [us-east-1]\n  tags: {A: b}\n  endpoint: ftp://x\nsources: [{kind: cloudwatch}]\n")
            .hasPrefix("fleets.yaml:4: discover.endpoint: expected a URL"))
    }

    @Test func everySetsTheRerunScheduleWithADefaultAndAFloor() throws {
        let base = "discover:\n  regions: [us-east-1]\n  tags: {A: b}\n"
        let sources = "sources: [{kind: cloudwatch}]\n"
        #expect(try Self.settings(base + sources).every == 300)
        #expect(try Self.settings(base + "  every: 90s\n" + sources).every == 90)
        #expect(try Self.settings(base + "  every: 1h\n" + sources).every == 3600)
        func error(_ every: String) -> String {
            do { _ = try Self.settings(base + "  every: \(every)\n" + sources); return "no error" } catch { return "\(error)" }
        }
        #expect(error("10s") == "fleets.yaml:4: discover.every: discovery runs at most once a minute: `every:` must be at least 1m, got 10s")
        #expect(error("soon").hasPrefix("fleets.yaml:4: discover.every: expected a duration like 30s, 5m or 1h"))
        #expect(error("2d").hasPrefix("fleets.yaml:4: discover.every: 2d is more than the"))
        #expect(error("-5m").hasPrefix("fleets.yaml:4: discover.every: expected a duration"))
    }

    /// Answers the three calls from the fixtures and records each call's form parameters.
    final class ScriptedDescribes: @unchecked Sendable {
        let lock = NSLock()
        var calls: [[String: String]] = []

        func answer(_ r: AWSHTTPRequest) throws -> AWSHTTPResponse {
            let form = queryForm(r.body)
            lock.withLock { calls.append(form) }
            switch form["Action"] {
            case "DescribeAutoScalingGroups":
                let page = form["NextToken"] == "page-2-token" ? 2 : 1
                return AWSHTTPResponse(status: 200, body: try FleetDiscoveryTests.fixture("describe-auto-scaling-groups-\(page).xml"))
            case "DescribeTargetGroups":
                return AWSHTTPResponse(status: 200, body: try FleetDiscoveryTests.fixture("describe-target-groups.xml"))
            case "DescribeLoadBalancers":
                return AWSHTTPResponse(status: 200, body: try FleetDiscoveryTests.fixture("describe-load-balancers.xml"))
            default:
                return AWSHTTPResponse(status: 400, body: Array("<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>".utf8))
            }
        }
    }

    @Test func findsEveryTaggedGroupWithItsTargetGroupAndLoadBalancer() async throws {
        let aws = ScriptedDescribes()
        let settings = FleetDiscovery.Settings(regions: ["us-east-1"], tags: [("Application", "erato")], profile: "prod",
                                               endpoint: AWSEndpoint(url: "http://127.0.0.1:9"))
        let discovery = FleetDiscovery(settings: settings, credentials: { AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s") },
                                       transport: FakeTransport { try aws.answer($0) })
        let found = try await discovery.find()

        // Both pages read; the filter and MaxRecords sent as documented.
        let asg = aws.calls.filter { $0["Action"] == "DescribeAutoScalingGroups" }
        #expect(asg.count == 2)
        #expect(asg[0]["Filters.member.1.Name"] == "tag:Application")
        #expect(asg[0]["Filters.member.1.Values.member.1"] == "erato")
        #expect(asg[0]["MaxRecords"] == "100")
        #expect(asg[1]["NextToken"] == "page-2-token")
        // One DescribeTargetGroups for the three ARNs, one DescribeLoadBalancers for the two.
        let tgCalls = aws.calls.filter { $0["Action"] == "DescribeTargetGroups" }
        #expect(tgCalls.count == 1)
        #expect(tgCalls[0].keys.filter { $0.hasPrefix("TargetGroupArns.member.") }.count == 3)
        #expect(aws.calls.filter { $0["Action"] == "DescribeLoadBalancers" }.count == 1)

        #expect(found.map(\.group.name) == ["erato-api-asg", "erato-backend-asg", "erato-worker-asg"])
        let backend = try #require(found.first { $0.group.name == "erato-backend-asg" })
        #expect(backend.group.tags == ["Application": "erato", "Environment": "prod"])
        #expect(backend.targetGroup?.name == "erato-backend-tg")
        #expect(backend.loadBalancer?.name == "erato-backend-alb")
        // Two target groups: the first by name (erato-api-tg-a), and its load balancer.
        let api = try #require(found.first { $0.group.name == "erato-api-asg" })
        #expect(api.targetGroup?.name == "erato-api-tg-a")
        #expect(api.loadBalancer?.name == "erato-api-alb")
        #expect(found.first { $0.group.name == "erato-worker-asg" }?.targetGroup == nil)

        let sources = try FleetConfig.parse("sources: [{kind: cloudwatch}]", file: "f.yaml", baseDirectory: URL(fileURLWithPath: "/tmp")).defaultSources
        let entries = discovery.entries(found, sources: sources, alarms: nil, taken: ["erato-api-asg"])
        #expect(entries.map(\.fleet.name) == ["erato-api-asg (us-east-1)", "erato-backend-asg", "erato-worker-asg"])
        let fleet = entries[1]
        #expect(fleet.fleet == FleetInfo(name: "erato-backend-asg", region: "us-east-1", zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
                                         loadBalancer: "erato-backend-alb", autoScalingGroup: "erato-backend-asg"))
        #expect(fleet.targetGroup == "erato-backend-tg")
        #expect(fleet.profile == "prod")
        #expect(fleet.sources.map(\.kind) == ["cloudwatch"])
        #expect(entries[2].fleet.loadBalancer == "")
    }

    @Test func describeGroupsByNameAsksAHundredNamesACall() async throws {
        let aws = ScriptedDescribes()
        let client = AutoScalingClient(client: AWSClient(service: .autoScaling, region: "us-east-1",
                                                         endpoint: AWSEndpoint(url: "http://127.0.0.1:9"),
                                                         transport: FakeTransport { try aws.answer($0) }))
        let names = (0..<150).map { "group-\($0)" }
        _ = try await client.describeGroups(names: names, credentials: AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s"))
        // 100 + 50 names; the fixture's first page has a NextToken, so each chunk reads two pages.
        let calls = aws.calls.filter { $0["Action"] == "DescribeAutoScalingGroups" && $0["NextToken"] == nil }
        #expect(calls.map { $0.keys.filter { $0.hasPrefix("AutoScalingGroupNames.member.") }.count } == [100, 50])
        #expect(calls.allSatisfy { $0["MaxRecords"] == "100" })
    }
}
