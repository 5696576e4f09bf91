import FleetXML
import Foundation
import Testing
@testable import FleetCloudWatch

/// The chain's order within a profile and its refusals, without a network or a process: each
/// branch is recognised by the error it gives before it would call out.
@Suite("Credentials chain: order, profiles and refusals")
struct AWSCredentialChainOrderTests {
    static func chain(config: String = "", credentials: String = "", profile: String? = nil,
                      environment: [String: String] = [:]) throws -> AWSCredentialChain {
        let home = try CloudWatchAPICredentialsTests.home(credentials: credentials, config: config)
        return AWSCredentialChain(environment: environment.merging(["AWS_EC2_METADATA_DISABLED": "true", "PATH": "/nonexistent"]) { a, _ in a },
                                  homeDirectory: home, profile: profile, cache: AWSCredentialCache())
    }

    /// The one-line text of what `resolve()` threw.
    static func failure(_ chain: AWSCredentialChain) async -> String {
        do {
            let c = try await chain.resolve()
            return "resolved \(c)"
        } catch {
            return (error as? AWSAPIError)?.description ?? "\(error)"
        }
    }

    static let keys = "aws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n"

    @Test func roleComesBeforeTheProfilesOwnKeys() async throws {
        let c = try Self.chain(config: "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ro\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n",
                               credentials: "[ops]\n" + Self.keys + "[base]\n" + Self.keys, profile: "ops")
        let text = await Self.failure(c)
        #expect(text == "AWS profile 'ops': mfa_serial needs an MFA code and fleetwatch cannot prompt for one: "
            + "use a profile without MFA, SSO, or a credential_process that caches the session")
    }

    @Test func ssoComesBeforeStaticKeys() async throws {
        let c = try Self.chain(config: "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n"
                                   + "[sso-session my-sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\n",
                               credentials: "[dev]\n" + Self.keys, profile: "dev")
        let text = await Self.failure(c)
        #expect(text.hasPrefix("AWS profile 'dev': no cached SSO login ("))
        #expect(text.hasSuffix("/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json): run `aws sso login --profile dev`"))
    }

    @Test func credentialsFileKeysComeBeforeProcessAndProcessBeforeConfigKeys() async throws {
        let withFile = try Self.chain(config: "[profile p]\ncredential_process = fw-no-such-tool --x\n" + Self.keys.replacingOccurrences(of: "FILE", with: "CONF"),
                                      credentials: "[p]\n" + Self.keys, profile: "p")
        #expect(try await withFile.resolve().accessKeyId == "AKIDFILE")
        let withoutFile = try Self.chain(config: "[profile p]\ncredential_process = fw-no-such-tool --x\n" + Self.keys.replacingOccurrences(of: "FILE", with: "CONF"),
                                         profile: "p")
        #expect(await Self.failure(withoutFile) == "AWS profile 'p': credential_process fw-no-such-tool is not on PATH")
    }

    @Test func aNamedProfileSkipsTheEnvironmentAsAwsProfileFlagDoes() async throws {
        let env = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]
        let named = try Self.chain(credentials: "[p]\n" + Self.keys, profile: "p", environment: env)
        #expect(try await named.resolve().accessKeyId == "AKIDFILE")
        // AWS_PROFILE does not: the environment's keys still win, as with the CLI.
        let viaEnv = try Self.chain(credentials: "[p]\n" + Self.keys, environment: env.merging(["AWS_PROFILE": "p"]) { a, _ in a })
        #expect(try await viaEnv.resolve().accessKeyId == "AKIDENV")
    }

    @Test func aMissingNamedProfileIsNamed() async throws {
        let c = try Self.chain(credentials: "[other]\n" + Self.keys, profile: "prod")
        let text = await Self.failure(c)
        #expect(text.hasPrefix("AWS profile 'prod': no such profile in "))
    }

    @Test func sourceProfileLoopsAreRefused() async throws {
        let c = try Self.chain(config: """
            [profile a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = a
            """, profile: "a")
        #expect(await Self.failure(c) == "AWS profile 'b': source_profile loop: a → b → a")
    }

    @Test func roleSettingsAreChecked() async throws {
        let cases: [(String, String)] = [
            ("role_arn = arn:aws:iam::1:role/r\n", "role_arn needs source_profile or credential_source"),
            ("role_arn = arn:aws:iam::1:role/r\nsource_profile = p\ncredential_source = Environment\n",
             "source_profile and credential_source are mutually exclusive"),
            ("role_arn = arn:aws:iam::1:role/r\ncredential_source = EcsContainer\n",
             "credential_source = EcsContainer is not supported (Environment or Ec2InstanceMetadata)"),
            ("role_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n",
             "credential_source = Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set"),
            ("role_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n",
             "credential_source = Ec2InstanceMetadata, but there is no instance role: EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)"),
            ("role_arn = arn:aws:iam::1:role/r\nsource_profile = nowhere\n",
             "source_profile 'nowhere' is not in "),
            ("role_arn = arn:aws:iam::1:role/r\nsource_profile = empty\n", "source_profile 'empty' has no credentials"),
            ("role_arn = r\nsource_profile = p\n", "role_arn is not an ARN (arn:aws:iam::ACCOUNT:role/NAME)"),
            ("role_arn = arn:aws:iam::1:role/r\nsource_profile = p\nduration_seconds = 60\n",
             "duration_seconds must be a number from 900 to 43200, got 60"),
            ("role_arn = arn:aws:iam::1:role/r\nsource_profile = p\nrole_session_name = has space\n",
             "role_session_name must be 2 to 64 letters, digits or _+=,.@-"),
        ]
        for (settings, expected) in cases {
            let c = try Self.chain(config: "[profile r]\n" + settings + "[profile empty]\nregion = us-east-1\n", profile: "r")
            let text = await Self.failure(c)
            #expect(text.hasPrefix("AWS profile 'r': " + expected), "\(settings)")
        }
    }

    @Test func assumeRoleParametersFollowTheProfile() throws {
        let r = try AssumeRoleRequest(profile: "p", settings: [
            "role_arn": "arn:aws:iam::123456789012:role/ro", "role_session_name": "alice@example.com",
            "external_id": "ext-1", "duration_seconds": "1800",
        ], now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(r.parameters.map { "\($0.0)=\($0.1)" } == ["RoleArn=arn:aws:iam::123456789012:role/ro",
                                                         "RoleSessionName=alice@example.com",
                                                         "ExternalId=ext-1", "DurationSeconds=1800"])
        let d = try AssumeRoleRequest(profile: "p", settings: ["role_arn": "arn:aws:iam::1:role/r"],
                                      now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(d.parameters.map(\.0) == ["RoleArn", "RoleSessionName"])
        #expect(d.sessionName == "fleetwatch-1800000000")
        // STS is called at the regional endpoint.
        #expect(AWSEndpoint.standard(.sts, region: "eu-west-1").description == "https://sts.eu-west-1.amazonaws.com")
    }

    /// The AssumeRole answer as the STS API reference shows it.
    @Test func assumeRoleAnswerIsRead() throws {
        let xml = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/Bob</Arn><AssumedRoleId>ARO123EXAMPLE123:Bob</AssumedRoleId></AssumedRoleUser>
                <Credentials>
                  <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>
                  <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                  <Expiration>2019-11-09T13:34:41Z</Expiration>
                  <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
                </Credentials>
                <PackedPolicySize>8</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """
        let root = try #require(XMLTree.parse(Array(xml.utf8)))
        let c = try AWSCredentialChain.assumeRoleCredentials(root, roleArn: "arn:aws:iam::123456789012:role/demo")
        #expect(c.accessKeyId == "ASIAIOSFODNN7EXAMPLE")
        #expect(c.sessionToken == "AQoDYXdzEPT//////////wEXAMPLEtc764")
        #expect(c.expiration == Date(timeIntervalSince1970: 1_573_306_481))
        #expect(c.origin == "role arn:aws:iam::123456789012:role/demo")
    }
}
