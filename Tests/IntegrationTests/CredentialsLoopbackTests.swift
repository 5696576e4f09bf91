import FleetCore
import FleetTestSupport
import Foundation
import NIOCore
import Synchronization
import Testing
@testable import FleetCloudWatch

/// `credential_process` with real scripts, the EC2 instance role against a loopback IMDSv2 that
/// enforces its token, and SSO against a loopback access portal with a token cache in a temp HOME.
@Suite("Credentials: credential_process, IMDSv2 and SSO for real", .serialized, .integration)
struct CredentialsLoopbackTests {
    /// A temp home whose config file is `config`; returns its path.
    static func home(config: String) throws -> String {
        let dir = try TemporaryDirectory.make("creds-loop")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try config.write(to: dir.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        return dir.path
    }

    /// An executable `/bin/sh` script in `dir`.
    static func script(_ dir: String, _ name: String, _ body: String) throws -> String {
        let path = dir + "/" + name
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    static func text(_ chain: AWSCredentialChain) async -> String {
        do { return "resolved \(try await chain.resolve())" } catch { return (error as? AWSAPIError)?.description ?? "\(error)" }
    }

    @Test func credentialProcessRunsAndIsRerunOnlyWhenExpiring() async throws {
        let home = try Self.home(config: "")
        // Prints credentials valid for 10 minutes from the real time, counting its runs; the
        // argument with a space arrives as one word (no shell between).
        let tool = try Self.script(home, "my creds", """
            echo run >> "$(dirname "$0")/runs"
            test "$1" = "--name" && test "$2" = "a b" || exit 9
            exp=$(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ)
            printf '{"Version": 1, "AccessKeyId": "ASIAPROCESS00000001", "SecretAccessKey": "proc-secret-value", "SessionToken": "proc-token", "Expiration": "%s"}\\n' "$exp"
            """)
        try "[profile p]\ncredential_process = \"\(tool)\" --name \"a b\"\n"
            .write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        let clock = ManualClock(Date())
        let chain = AWSCredentialChain(environment: ["PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"],
                                       homeDirectory: home, profile: "p", cache: AWSCredentialCache(), now: { clock.now })
        let runs = { (try? String(contentsOfFile: home + "/runs", encoding: .utf8))?.split(separator: "\n").count ?? 0 }
        let c = try await chain.resolve()
        #expect(c.accessKeyId == "ASIAPROCESS00000001" && c.sessionToken == "proc-token")
        #expect(c.origin == "credential_process of profile p")
        _ = try await chain.resolve()
        #expect(runs() == 1)
        clock.advance(6 * 60)  // 4 minutes left: inside the 5-minute window
        _ = try await chain.resolve()
        #expect(runs() == 2)
    }

    @Test func failingProcessesAreOneLineNamingTheProfile() async throws {
        let home = try Self.home(config: "")
        let cases: [(String, String)] = [
            ("echo 'proc-secret-value' >&2; echo '{\"AccessKeyId\": \"proc-secret-value\"'; exit 3", "credential_process fail.sh exited with status 3"),
            ("echo 'not json proc-secret-value'", "credential_process fail.sh printed no JSON object"),
            ("exec sleep 30", "credential_process fail.sh did not finish within 1 s"),
            ("head -c 3000000 /dev/zero | tr '\\\\0' x", "credential_process fail.sh printed more than 1 MiB"),
            ("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"proc-secret-value\", \"Expiration\": \"2001-01-01T00:00:00Z\"}'",
             "credential_process fail.sh gave credentials that expired at 2001-01-01T00:00:00Z"),
        ]
        for (body, expected) in cases {
            let tool = try Self.script(home, "fail.sh", body + "\n")
            try "[profile prod]\ncredential_process = \(tool) --token proc-secret-value\n"
                .write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
            let chain = AWSCredentialChain(environment: ["PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"],
                                           homeDirectory: home, profile: "prod", cache: AWSCredentialCache(), processTimeout: 1)
            let started = Date()
            let text = await Self.text(chain)
            #expect(text == "AWS profile 'prod': " + expected)
            #expect(!text.contains("proc-secret-value") && !text.contains("\n"))
            #expect(Date().timeIntervalSince(started) < 10, "\(expected)")
        }
    }

    /// An IMDSv2 on loopback: a PUT gives a token, and every GET without it is refused (401).
    static func imds(role: String = "fleet-role", expiration: String) async throws -> RoutedLoopbackServer {
        let token = "imds-session-token-\(UUID().uuidString)"
        return try await RoutedLoopbackServer.start { r in
            if r.method == "PUT", r.uri == "/latest/api/token" {
                return r.header("X-aws-ec2-metadata-token-ttl-seconds") != nil ? (200, token) : (400, "")
            }
            guard r.method == "GET", r.header("X-aws-ec2-metadata-token") == token else { return (401, "") }
            switch r.uri {
            case "/latest/meta-data/iam/security-credentials/": return (200, role)
            case "/latest/meta-data/iam/security-credentials/\(role)":
                return (200, """
                    {"Code": "Success", "LastUpdated": "2026-11-30T16:00:00Z", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS000000000001",
                     "SecretAccessKey": "imds-secret-value", "Token": "imds-session-value", "Expiration": "\(expiration)"}
                    """)
            default: return (404, "")
            }
        }
    }

    @Test func instanceRoleOverIMDSv2() async throws {
        let expires = ISOTime.string(Date().addingTimeInterval(6 * 3600))
        let server = try await Self.imds(expiration: expires)
        let home = try Self.home(config: "")
        let chain = AWSCredentialChain(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint + "/"],
                                       homeDirectory: home, cache: AWSCredentialCache())
        let c = try await chain.resolve()
        #expect(c.accessKeyId == "ASIAIMDS000000000001" && c.sessionToken == "imds-session-value")
        #expect(c.origin == "EC2 instance role fleet-role")
        #expect(server.requests.map { "\($0.method) \($0.uri)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/fleet-role",
        ])
        #expect(server.requests.dropFirst().allSatisfy { $0.header("X-aws-ec2-metadata-token") != nil })
        _ = try await chain.resolve()
        #expect(server.requests.count == 3)  // cached

        // A role profile with credential_source = Ec2InstanceMetadata gets them too (then fails at
        // the unreachable STS, naming the profile).
        try "[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n"
            .write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        let viaRole = AWSCredentialChain(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint,
                                                       "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:1"],
                                         homeDirectory: home, profile: "r", transport: AsyncHTTPTransport(timeout: .seconds(2)),
                                         cache: AWSCredentialCache())
        #expect(await Self.text(viaRole).hasPrefix("AWS profile 'r': assuming arn:aws:iam::1:role/r: sts: cannot reach http://127.0.0.1:1"))
        #expect(server.requests.count == 6)
        await server.stop()
    }

    @Test func noIMDSIsQuickAndSaysWhereItLooked() async throws {
        let home = try Self.home(config: "")
        let started = Date()
        let chain = AWSCredentialChain(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"],
                                       homeDirectory: home, cache: AWSCredentialCache())
        let text = await Self.text(chain)
        #expect(text.contains("EC2 instance metadata at http://127.0.0.1:1 (connection refused)"), "\(text)")
        #expect(Date().timeIntervalSince(started) < 3)
        // A server that never answers costs one timeout of 1 s.
        let silent = try await RoutedLoopbackServer.start { _ in (0, "") }
        let slow = Date()
        let hung = AWSCredentialChain(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": silent.endpoint],
                                      homeDirectory: home, cache: AWSCredentialCache())
        #expect(await Self.text(hung).contains("EC2 instance metadata at \(silent.endpoint) (timed out)"))
        #expect(Date().timeIntervalSince(slow) < 2.5)
        await silent.stop()
    }

    /// An SSO access portal on loopback: GetRoleCredentials for one token, 401 for any other.
    static func portal(token: String, expirationMillis: Int64) async throws -> RoutedLoopbackServer {
        try await RoutedLoopbackServer.start { r in
            guard r.method == "GET", r.uri == "/federation/credentials?account_id=111122223333&role_name=ReadOnly" else {
                return (400, #"{"message": "bad request"}"#)
            }
            guard r.header("x-amz-sso_bearer_token") == token else {
                return (401, #"{"message": "Session token not found or invalid"}"#)
            }
            return (200, #"{"roleCredentials": {"accessKeyId": "ASIASSO0000000000001", "secretAccessKey": "sso-secret-value", "sessionToken": "sso-session-value", "expiration": \#(expirationMillis)}}"#)
        }
    }

    @Test func ssoSessionProfileUsesTheCachedLogin() async throws {
        let token = "sso-access-token-value"
        let server = try await Self.portal(token: token, expirationMillis: Int64((Date().timeIntervalSince1970 + 3600) * 1000))
        let home = try Self.home(config: """
            [profile dev]
            sso_session = my-sso
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = us-west-2
            [profile legacy]
            sso_start_url = https://my-sso-portal.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            [sso-session my-sso]
            sso_start_url = https://my-sso-portal.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access
            """)
        let cache = home + "/.aws/sso/cache"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let future = ISOTime.string(Date().addingTimeInterval(8 * 3600))
        try #"{"startUrl": "https://my-sso-portal.awsapps.com/start", "region": "us-east-1", "accessToken": "\#(token)", "expiresAt": "\#(future)"}"#
            .write(toFile: cache + "/0ad374308c5a4e22f723adf10145eafad7c4031c.json", atomically: true, encoding: .utf8)
        let env = ["AWS_ENDPOINT_URL_SSO": server.endpoint, "AWS_EC2_METADATA_DISABLED": "true"]
        let c = try await AWSCredentialChain(environment: env, homeDirectory: home, profile: "dev", cache: AWSCredentialCache()).resolve()
        #expect(c.accessKeyId == "ASIASSO0000000000001" && c.sessionToken == "sso-session-value")
        #expect(c.origin == "SSO ReadOnly in 111122223333")

        // The legacy profile's token is cached under the start URL's hash; none yet.
        let legacy = AWSCredentialChain(environment: env, homeDirectory: home, profile: "legacy", cache: AWSCredentialCache())
        let missing = await Self.text(legacy)
        #expect(missing.hasPrefix("AWS profile 'legacy': no cached SSO login ("))
        #expect(missing.hasSuffix("c7aaaf71fcc8777ae2475525ed049d39fe16c484.json): run `aws sso login --profile legacy`"))
        // A token the portal refuses, and one past its time.
        try #"{"accessToken": "revoked-token-value", "expiresAt": "\#(future)"}"#
            .write(toFile: cache + "/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json", atomically: true, encoding: .utf8)
        let refused = await Self.text(AWSCredentialChain(environment: env, homeDirectory: home, profile: "legacy", cache: AWSCredentialCache()))
        #expect(refused == "AWS profile 'legacy': the SSO portal refused the cached token (expired or signed out): run `aws sso login --profile legacy`")
        try #"{"accessToken": "old-token-value", "expiresAt": "2020-01-01T00:00:00Z"}"#
            .write(toFile: cache + "/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json", atomically: true, encoding: .utf8)
        let expired = await Self.text(AWSCredentialChain(environment: env, homeDirectory: home, profile: "legacy", cache: AWSCredentialCache()))
        #expect(expired == "AWS profile 'legacy': the SSO login expired at 2020-01-01T00:00:00Z: run `aws sso login --profile legacy`")
        for text in [missing, refused, expired] { #expect(!text.contains("token-value")) }
        #expect(server.requests.count == 2)
        await server.stop()
    }
}
