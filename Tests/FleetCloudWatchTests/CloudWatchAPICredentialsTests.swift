import Foundation
import Testing
@testable import FleetCloudWatch

@Suite("CloudWatch API: credentials chain and INI files")
struct CloudWatchAPICredentialsTests {
    /// A fresh temporary home folder with optional `.aws/credentials` and `.aws/config`.
    static func home(credentials: String? = nil, config: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        if let credentials { try credentials.write(to: dir.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8) }
        if let config { try config.write(to: dir.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8) }
        return dir.path
    }

    @Test func iniParsesSectionsCommentsAndNestedValues() {
        let ini = AWSINIFile(parsing: """
            # comment
            [default]
            aws_access_key_id = AKIDDEFAULT
            AWS_Secret_Access_Key=secret=with=equals ; note
            [profile prod]
            region = eu-west-1
            s3 =
              max_concurrent_requests = 10
            ; another comment
            output = json
            """)
        #expect(ini[section: "default"]?["aws_access_key_id"] == "AKIDDEFAULT")
        #expect(ini[section: "default"]?["aws_secret_access_key"] == "secret=with=equals")
        #expect(ini[section: "profile prod"]?["region"] == "eu-west-1")
        #expect(ini[section: "profile prod"]?["output"] == "json")
        #expect(ini[section: "profile prod"]?["s3"]?.contains("max_concurrent_requests") == true)
    }

    @Test func environmentComesFirst() async throws {
        let home = try Self.home(credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        let chain = AWSCredentialChain(environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e",
                                                     "AWS_SESSION_TOKEN": "tok"], homeDirectory: home)
        let c = try await chain.resolve()
        #expect(c.accessKeyId == "AKIDENV")
        #expect(c.sessionToken == "tok")
        #expect(c.origin == "environment")
    }

    @Test func profileFromEnvironmentPicksTheSection() async throws {
        let home = try Self.home(credentials: """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = d
            [prod]
            aws_access_key_id = AKIDPROD
            aws_secret_access_key = p
            aws_session_token = ptoken
            """)
        let c = try await AWSCredentialChain(environment: ["AWS_PROFILE": "prod"], homeDirectory: home).resolve()
        #expect(c.accessKeyId == "AKIDPROD")
        #expect(c.sessionToken == "ptoken")
        let d = try await AWSCredentialChain(environment: [:], homeDirectory: home).resolve()
        #expect(d.accessKeyId == "AKIDDEFAULT")
        // A profile in the fleetwatch configuration wins over AWS_PROFILE.
        let e = try await AWSCredentialChain(environment: ["AWS_PROFILE": "prod"], homeDirectory: home, profile: "default").resolve()
        #expect(e.accessKeyId == "AKIDDEFAULT")
    }

    @Test func configFileUsesProfilePrefixAndHonoursItsVariable() async throws {
        let home = try Self.home()
        let config = home + "/elsewhere.ini"
        try "[profile ops]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\nregion = ap-south-1\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let chain = AWSCredentialChain(environment: ["AWS_PROFILE": "ops", "AWS_CONFIG_FILE": config], homeDirectory: home)
        #expect(try await chain.resolve().accessKeyId == "AKIDCONFIG")
        #expect(chain.profileRegion() == "ap-south-1")
    }

    @Test func sharedCredentialsFileVariableIsHonoured() async throws {
        let home = try Self.home()
        let file = home + "/creds"
        try "[default]\naws_access_key_id = AKIDSHARED\naws_secret_access_key = x\n".write(toFile: file, atomically: true, encoding: .utf8)
        let c = try await AWSCredentialChain(environment: ["AWS_SHARED_CREDENTIALS_FILE": file], homeDirectory: home).resolve()
        #expect(c.accessKeyId == "AKIDSHARED")
    }

    @Test func nothingFoundSaysWhereItLooked() async throws {
        let home = try Self.home()
        do {
            _ = try await AWSCredentialChain(environment: ["AWS_PROFILE": "prod", "AWS_EC2_METADATA_DISABLED": "true"],
                                             homeDirectory: home).resolve()
            Issue.record("expected no credentials")
        } catch let error as AWSAPIError {
            let text = error.description
            #expect(text.hasPrefix("no AWS credentials found"))
            #expect(text.contains("environment"))
            #expect(text.contains(home + "/.aws/credentials (no such file)"))
            #expect(text.contains(home + "/.aws/config"))
            #expect(text.contains("EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)"))
            #expect(!text.contains("\n"))
        }
    }
}
