import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
import NIOCore
import Testing
@testable import FleetCloudWatch

/// Sends through the real HTTP client and records, per request, the operation and the access key
/// id that signed it (from the SigV4 `Authorization` header's `Credential=KEY/…`).
final class SigningRecorder: AWSTransport, @unchecked Sendable {
    private let inner = AsyncHTTPTransport()
    private let lock = NSLock()
    private var seen: [(operation: String, keyId: String)] = []

    var calls: [(operation: String, keyId: String)] { lock.withLock { seen } }
    func keys(of operation: String) -> Set<String> { Set(calls.filter { $0.operation == operation }.map(\.keyId)) }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        let op = request.header("X-Amz-Target").map { String($0.split(separator: ".").last!) }
            ?? String(decoding: request.body, as: UTF8.self).split(separator: "&").first { $0.hasPrefix("Action=") }
                .map { String($0.dropFirst(7)) } ?? "?"
        let auth = request.header("Authorization") ?? ""
        let key = auth.range(of: "Credential=").map { String(auth[$0.upperBound...].prefix { $0 != "/" }) } ?? ""
        lock.withLock { seen.append((op, key)) }
        return try await inner.send(request)
    }
}

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {  // guarded by its lock
    private let lock = NSLock()
    private var time: Date
    init(_ start: Date) { time = start }
    var now: Date { lock.withLock { time } }
    func advance(_ seconds: TimeInterval) { lock.withLock { time = time.addingTimeInterval(seconds) } }
}

/// Role profiles against moto_server's STS (AssumeRole), and a `kind: cloudwatch` source with
/// `profile:` polling moto with the assumed role's credentials.
@Suite("Credentials: assume role against moto_server", .serialized, .motoFleet, .integration)
struct CredentialsMotoTests {
    static let baseKey = "AKIAMOTOBASEKEY00001"

    /// A home with `[base]` keys and role profiles in the config file.
    static func home(config: String) throws -> String {
        let dir = try TemporaryDirectory.make("creds-moto")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try "[base]\naws_access_key_id = \(baseKey)\naws_secret_access_key = base-secret-value\n"
            .write(to: dir.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        try config.write(to: dir.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test func roleProfileAssumesTheRoleOnceAndCachesIt() async throws {
        let fleet = try MotoFleet.require()
        let home = try Self.home(config: """
            [profile ro]
            role_arn = arn:aws:iam::123456789012:role/fleetwatch-ro
            source_profile = base
            role_session_name = fleetwatch-test
            external_id = erato-ext
            duration_seconds = 1800
            region = eu-west-1
            """)
        let recorder = SigningRecorder()
        let clock = ManualClock(Date())
        let chain = AWSCredentialChain(environment: ["AWS_ENDPOINT_URL_STS": fleet.server.endpoint, "AWS_EC2_METADATA_DISABLED": "true"],
                                       homeDirectory: home, profile: "ro", transport: recorder, cache: AWSCredentialCache(),
                                       now: { clock.now })
        let start = Date()
        let creds = try await chain.resolve()
        #expect(creds.accessKeyId.hasPrefix("ASIA"))
        #expect(creds.sessionToken?.isEmpty == false)
        #expect(creds.origin == "role arn:aws:iam::123456789012:role/fleetwatch-ro")
        // moto answers Expiration = now + DurationSeconds.
        let lifetime = try #require(creds.expiration).timeIntervalSince(start)
        #expect(abs(lifetime - 1800) < 120, "lifetime \(lifetime)")
        // Signed with the source profile's key.
        #expect(recorder.keys(of: "AssumeRole") == [Self.baseKey])

        // Cached: no second call until 5 minutes before expiry.
        #expect(try await chain.resolve() == creds)
        clock.advance(1800 - 360)
        #expect(try await chain.resolve() == creds)
        #expect(recorder.calls.count == 1)
        clock.advance(120)
        let renewed = try await chain.resolve()
        #expect(recorder.calls.count == 2)
        #expect(renewed.accessKeyId != creds.accessKeyId)
    }

    @Test func chainedRolesSignEachCallWithThePreviousRole() async throws {
        let fleet = try MotoFleet.require()
        let home = try Self.home(config: """
            [profile hop]
            role_arn = arn:aws:iam::111111111111:role/hop
            source_profile = base
            [profile target]
            role_arn = arn:aws:iam::222222222222:role/target
            source_profile = hop
            """)
        let recorder = SigningRecorder()
        let chain = AWSCredentialChain(environment: ["AWS_ENDPOINT_URL_STS": fleet.server.endpoint, "AWS_EC2_METADATA_DISABLED": "true"],
                                       homeDirectory: home, profile: "target", transport: recorder, cache: AWSCredentialCache())
        let creds = try await chain.resolve()
        #expect(creds.origin == "role arn:aws:iam::222222222222:role/target")
        let calls = recorder.calls
        try #require(calls.count == 2)
        #expect(calls[0].keyId == Self.baseKey)
        #expect(calls[1].keyId.hasPrefix("ASIA") && calls[1].keyId != creds.accessKeyId)
    }

    /// A role profile may name itself as `source_profile` to sign with its own keys (no loop).
    @Test func aRoleProfileMayBeItsOwnSource() async throws {
        let fleet = try MotoFleet.require()
        let home = try Self.home(config: "[profile base]\nrole_arn = arn:aws:iam::123456789012:role/self\nsource_profile = base\n")
        let recorder = SigningRecorder()
        let chain = AWSCredentialChain(environment: ["AWS_ENDPOINT_URL_STS": fleet.server.endpoint, "AWS_EC2_METADATA_DISABLED": "true"],
                                       homeDirectory: home, profile: "base", transport: recorder, cache: AWSCredentialCache())
        let creds = try await chain.resolve()
        #expect(creds.origin == "role arn:aws:iam::123456789012:role/self")
        #expect(recorder.keys(of: "AssumeRole") == [Self.baseKey])
    }

    @Test func stsErrorsNameTheProfileAndTheRole() async throws {
        let home = try Self.home(config: "[profile ro]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n")
        let chain = AWSCredentialChain(environment: ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:1", "AWS_EC2_METADATA_DISABLED": "true"],
                                       homeDirectory: home, profile: "ro", transport: AsyncHTTPTransport(timeout: .seconds(2)),
                                       cache: AWSCredentialCache())
        do {
            _ = try await chain.resolve()
            Issue.record("expected an error")
        } catch let error as AWSAPIError {
            #expect(error.description == "AWS profile 'ro': assuming arn:aws:iam::123456789012:role/x: sts: cannot reach http://127.0.0.1:1 (connection refused)")
        }
    }

    /// End to end in the process: `kind: cloudwatch` with `profile:` naming a role profile polls
    /// moto with the assumed role's credentials (`endpoint:` covers STS too).
    @Test func cloudWatchSourceWithARoleProfilePolls() async throws {
        let fleet = try MotoFleet.require()
        let home = try Self.home(config: "[profile fleet-ro]\nrole_arn = arn:aws:iam::123456789012:role/fleet-ro\nsource_profile = base\n")
        let yaml = """
            fleet: {name: erato-backend, region: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c]}
            sources:
              - kind: cloudwatch
                profile: fleet-ro
                endpoint: \(fleet.server.endpoint)
                auto_scaling_group: erato-backend-asg
                load_balancer: erato-backend-alb
                target_group: erato-backend-tg
            """
        let config = try FleetConfig.parse(yaml, file: "cw.yaml", baseDirectory: URL(fileURLWithPath: home))
        let recorder = SigningRecorder()
        let scheduled = try CloudWatchAPISource.scheduled(
            config: config.sources[0], context: .init(fleet: config.fleet, now: fleet.end, refresh: 60, mockPrefill: 0),
            transport: recorder,
            environment: ["HOME": home, "AWS_ACCESS_KEY_ID": "AKIAENVSHOULDNOTWIN01", "AWS_SECRET_ACCESS_KEY": "x",
                          "AWS_EC2_METADATA_DISABLED": "true"])
        let source = try #require(scheduled.source as? CloudWatchAPISource)
        let update = try await source.poll(now: fleet.end.addingTimeInterval(30))
        var state = FleetState(time: fleet.end, fleet: .erato)
        state.apply(update)
        #expect(state.panelSeries(.cpu)?.latest?.value == 49)
        let assumed = recorder.keys(of: "GetMetricData")
        #expect(recorder.keys(of: "AssumeRole") == [Self.baseKey])
        #expect(assumed.count == 1 && assumed.first?.hasPrefix("ASIA") == true)
        #expect(recorder.keys(of: "DescribeAutoScalingGroups") == assumed)
    }
}
