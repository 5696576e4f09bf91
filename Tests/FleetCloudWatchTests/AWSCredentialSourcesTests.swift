import Foundation
import Testing
@testable import FleetCloudWatch

/// The parts of each credential source that need no network or process: the cache's expiry rule
/// (with an injected clock), `credential_process` command splitting and output, the SSO token
/// cache and portal answer, the instance-metadata document, and redaction.
@Suite("Credentials: cache, process output, SSO and IMDS documents, redaction")
struct AWSCredentialSourcesTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int { lock.withLock { n += 1; return n } }
    }

    @Test func cacheKeepsCredentialsUntilFiveMinutesBeforeExpiry() async throws {
        let cache = AWSCredentialCache()
        let counter = Counter()
        let fetch: @Sendable () async throws -> AWSCredentials = {
            let n = counter.next()
            return AWSCredentials(accessKeyId: "ASIA\(n)", secretAccessKey: "s", sessionToken: "t",
                                  expiration: Self.t0.addingTimeInterval(Double(n) * 3600))
        }
        // Fetched at t0, valid to t0+1h: reused until t0+55min, refetched after.
        #expect(try await cache.credentials(for: "k", now: Self.t0, fetch: fetch).accessKeyId == "ASIA1")
        #expect(try await cache.credentials(for: "k", now: Self.t0.addingTimeInterval(3000), fetch: fetch).accessKeyId == "ASIA1")
        #expect(try await cache.credentials(for: "k", now: Self.t0.addingTimeInterval(3301), fetch: fetch).accessKeyId == "ASIA2")
        #expect(try await cache.credentials(for: "k", now: Self.t0.addingTimeInterval(3400), fetch: fetch).accessKeyId == "ASIA2")
        #expect(await cache.fetches["k"] == 2)
        // Another key is fetched on its own.
        #expect(try await cache.credentials(for: "other", now: Self.t0, fetch: fetch).accessKeyId == "ASIA3")
    }

    @Test func cacheKeepsCredentialsWithoutExpiryAndForgetsFailures() async throws {
        let cache = AWSCredentialCache()
        let counter = Counter()
        let failing: @Sendable () async throws -> AWSCredentials = {
            _ = counter.next()
            throw AWSAPIError.credentialSource(profile: "p", detail: "boom")
        }
        await #expect(throws: AWSAPIError.self) { try await cache.credentials(for: "k", now: Self.t0, fetch: failing) }
        await #expect(throws: AWSAPIError.self) { try await cache.credentials(for: "k", now: Self.t0, fetch: failing) }
        #expect(counter.next() == 3)
        let forever: @Sendable () async throws -> AWSCredentials = { AWSCredentials(accessKeyId: "AKIDLONG", secretAccessKey: "s") }
        _ = try await cache.credentials(for: "long", now: Self.t0, fetch: forever)
        _ = try await cache.credentials(for: "long", now: Self.t0.addingTimeInterval(86400 * 365), fetch: forever)
        #expect(await cache.fetches["long"] == 1)
        #expect(AWSCredentialCache.isFresh(AWSCredentials(accessKeyId: "a", secretAccessKey: "s", expiration: Self.t0), at: Self.t0.addingTimeInterval(-301)))
        #expect(!AWSCredentialCache.isFresh(AWSCredentials(accessKeyId: "a", secretAccessKey: "s", expiration: Self.t0), at: Self.t0.addingTimeInterval(-300)))
    }

    @Test func processCommandsSplitLikeShlex() throws {
        let cases: [(String, [String])] = [
            ("/opt/bin/awscreds-custom --username helen", ["/opt/bin/awscreds-custom", "--username", "helen"]),
            ("\"/opt/my tools/creds\" --name \"a b\"", ["/opt/my tools/creds", "--name", "a b"]),
            ("tool 'it''s' x\\ y", ["tool", "its", "x y"]),
            ("tool \"q\\\"uote\" \"back\\\\slash\" \"keep\\n\"", ["tool", "q\"uote", "back\\slash", "keep\\n"]),
            ("  tool\t--flag=$HOME ''  ", ["tool", "--flag=$HOME", ""]),
        ]
        for (command, words) in cases {
            #expect(try CredentialProcess.split(command, profile: "p") == words, "\(command)")
        }
        #expect(throws: AWSAPIError.credentialSource(profile: "p", detail: "credential_process has an unclosed quote or a trailing backslash")) {
            try CredentialProcess.split("tool 'open", profile: "p")
        }
        #expect(throws: AWSAPIError.credentialSource(profile: "p", detail: "credential_process is empty")) {
            try CredentialProcess.split("   ", profile: "p")
        }
    }

    @Test func processOutputIsReadAndErrorsNeverShowIt() throws {
        let good = Data("""
            {"Version": 1, "AccessKeyId": "ASIAPROCESSKEY", "SecretAccessKey": "process-secret-value",
             "SessionToken": "process-token-value", "Expiration": "2027-01-15T17:22:58.123+00:00"}
            """.utf8)
        let c = try CredentialProcess.parse(good, profile: "p", program: "tool")
        #expect(c.accessKeyId == "ASIAPROCESSKEY")
        #expect(c.sessionToken == "process-token-value")
        #expect(c.expiration == ISOTimeParse("2027-01-15T17:22:58.123Z"))
        let longTerm = try CredentialProcess.parse(Data(#"{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"s"}"#.utf8), profile: "p", program: "tool")
        #expect(longTerm.expiration == nil && longTerm.sessionToken == nil)

        let bad: [(String, String)] = [
            ("not json process-secret-value", "no JSON object"),
            (#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "process-secret-value"}"#, "no \"Version\": 1"),
            (#"{"Version": 1, "SecretAccessKey": "process-secret-value"}"#, "no AccessKeyId"),
            (#"{"Version": 1, "AccessKeyId": "A"}"#, "no SecretAccessKey"),
            (#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "process-secret-value", "Expiration": "soon"}"#,
             "an Expiration that is not an RFC 3339 time"),
        ]
        for (output, what) in bad {
            do {
                _ = try CredentialProcess.parse(Data(output.utf8), profile: "prod", program: "tool")
                Issue.record("expected an error for \(output)")
            } catch let error as AWSAPIError {
                #expect(error.description == "AWS profile 'prod': credential_process tool printed \(what)")
                #expect(!error.description.contains("process-secret-value"))
            }
        }
    }

    @Test func processNameHidesArguments() {
        let p = CredentialProcess(words: ["/opt/bin/vault-creds", "--password", "hunter2"], environment: [:], timeout: 1)
        #expect(p.name == "vault-creds")
    }

    @Test func ssoCacheFileIsTheSHA1OfSessionOrStartURL() {
        #expect(AWSCredentialChain.ssoCacheFileName("my-sso") == "0ad374308c5a4e22f723adf10145eafad7c4031c.json")
        #expect(AWSCredentialChain.ssoCacheFileName("https://my-sso-portal.awsapps.com/start")
            == "c7aaaf71fcc8777ae2475525ed049d39fe16c484.json")
    }

    @Test func ssoTokenIsReadOnlyWhileValid() throws {
        let dir = try CloudWatchAPICredentialsTests.home()
        let file = dir + "/token.json"
        let fail: @Sendable (String) -> AWSAPIError = { .credentialSource(profile: "dev", detail: $0 + ": run `aws sso login --profile dev`") }
        try #"{"startUrl": "https://x.awsapps.com/start", "region": "us-east-1", "accessToken": "sso-access-token-value", "expiresAt": "2027-06-01T00:00:00Z"}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try AWSCredentialChain.ssoToken(file: file, now: Self.t0, fail: fail) == "sso-access-token-value")
        let later = ISOTimeParse("2027-06-01T00:00:00Z")!
        #expect(throws: AWSAPIError.credentialSource(profile: "dev", detail: "the SSO login expired at 2027-06-01T00:00:00Z: run `aws sso login --profile dev`")) {
            try AWSCredentialChain.ssoToken(file: file, now: later, fail: fail)
        }
        #expect(throws: AWSAPIError.credentialSource(profile: "dev", detail: "no cached SSO login (\(dir)/none.json): run `aws sso login --profile dev`")) {
            try AWSCredentialChain.ssoToken(file: dir + "/none.json", now: Self.t0, fail: fail)
        }
    }

    /// The GetRoleCredentials answer as the portal API reference shows it.
    @Test func ssoRoleCredentialsAreRead() throws {
        let body = Array(#"{"roleCredentials": {"accessKeyId": "ASIASSOKEY", "secretAccessKey": "sso-secret", "sessionToken": "sso-token", "expiration": 1800003600000}}"#.utf8)
        let c = try AWSCredentialChain.roleCredentials(body, account: "111122223333", role: "ReadOnly") { .credentialSource(profile: "dev", detail: $0) }
        #expect(c.accessKeyId == "ASIASSOKEY")
        #expect(c.expiration == Self.t0.addingTimeInterval(3600))
        #expect(c.origin == "SSO ReadOnly in 111122223333")
        #expect(throws: AWSAPIError.self) {
            try AWSCredentialChain.roleCredentials(Array("{}".utf8), account: "1", role: "r") { .credentialSource(profile: "dev", detail: $0) }
        }
    }

    /// The role document as the EC2 user guide shows it.
    @Test func instanceRoleDocumentIsRead() throws {
        let body = Array("""
            {"Code": "Success", "LastUpdated": "2026-11-30T16:00:00Z", "Type": "AWS-HMAC",
             "AccessKeyId": "ASIAIMDSKEY", "SecretAccessKey": "imds-secret", "Token": "imds-token", "Expiration": "2026-11-30T22:00:00Z"}
            """.utf8)
        let c = try AWSInstanceMetadata.parse(body, role: "fleet-role")
        #expect(c.accessKeyId == "ASIAIMDSKEY" && c.sessionToken == "imds-token")
        #expect(c.expiration == ISOTimeParse("2026-11-30T22:00:00Z"))
        #expect(c.origin == "EC2 instance role fleet-role")
        #expect(throws: AWSInstanceMetadata.Failure.self) {
            try AWSInstanceMetadata.parse(Array(#"{"Code": "AssumeRoleUnauthorizedAccess"}"#.utf8), role: "r")
        }
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let c = AWSCredentials(accessKeyId: "ASIASECRETKEYID12345", secretAccessKey: "very-secret-access-key",
                               sessionToken: "very-secret-session-token", expiration: Self.t0, origin: "role arn:aws:iam::1:role/r")
        var dumped = ""
        dump(c, to: &dumped)
        for text in ["\(c)", String(describing: c), String(reflecting: c), dumped, "\([c])"] {
            #expect(!text.contains("very-secret"), "\(text)")
            #expect(!text.contains("SECRETKEYID12345"), "\(text)")
        }
        #expect(c.description == "AWSCredentials(ASIA…(redacted) from role arn:aws:iam::1:role/r)")
        // Server messages are scrubbed of every part.
        #expect(c.scrub("bad very-secret-session-token and very-secret-access-key for ASIASECRETKEYID12345")
            == "bad (redacted) and (redacted) for ASIA…(redacted)")
    }
}

private func ISOTimeParse(_ text: String) -> Date? {
    let f = ISO8601DateFormatter()
    f.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    return f.date(from: text)
}
