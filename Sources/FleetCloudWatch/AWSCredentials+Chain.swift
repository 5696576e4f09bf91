import FleetCore
import Foundation

/// Finds credentials where the AWS CLI and SDKs look, in their order:
/// 1. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
/// 2. the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`),
///    section `[PROFILE]`;
/// 3. the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`), section `[profile PROFILE]`
///    (`[default]` for the default profile);
/// where PROFILE is the configured profile, else `AWS_PROFILE`, else `default`.
/// Instance roles, SSO and `credential_process` are not read (yet).
public struct AWSCredentialChain: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    /// A profile named in the fleetwatch configuration; wins over `AWS_PROFILE`.
    public var profile: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil, profile: String? = nil) {
        self.environment = environment
        // `~` is $HOME, as for the AWS CLI; the password database only when HOME is unset.
        self.homeDirectory = homeDirectory ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        self.profile = profile
    }

    public var profileName: String {
        profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
    }

    var credentialsFile: String { path(environment["AWS_SHARED_CREDENTIALS_FILE"], default: ".aws/credentials") }
    var configFile: String { path(environment["AWS_CONFIG_FILE"], default: ".aws/config") }

    private func path(_ value: String?, default relative: String) -> String {
        guard let value, !value.isEmpty else { return homeDirectory + "/" + relative }
        if value.hasPrefix("~/") { return homeDirectory + "/" + value.dropFirst(2) }
        return value
    }

    /// The first credentials found; throws ``AWSAPIError/noCredentials(searched:)`` naming every place looked.
    public func resolve() throws -> AWSCredentials {
        var searched: [String] = []
        let id = environment["AWS_ACCESS_KEY_ID"] ?? "", secret = environment["AWS_SECRET_ACCESS_KEY"] ?? ""
        if !id.isEmpty, !secret.isEmpty {
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token, origin: "environment")
        }
        searched.append(id.isEmpty && secret.isEmpty
            ? "environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY unset)"
            : "environment (only one of AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set)")

        let profile = profileName
        let credentialsFile = self.credentialsFile
        if let ini = Self.readINI(credentialsFile) {
            if let section = ini[section: profile], let creds = Self.credentials(section, origin: "\(credentialsFile) [\(profile)]") {
                return creds
            }
            searched.append("\(credentialsFile) (no keys in [\(profile)])")
        } else {
            searched.append("\(credentialsFile) (no such file)")
        }
        let configFile = self.configFile
        let configSection = profile == "default" ? "default" : "profile \(profile)"
        if let ini = Self.readINI(configFile) {
            if let section = ini[section: configSection] ?? (profile == "default" ? ini[section: "profile default"] : nil),
               let creds = Self.credentials(section, origin: "\(configFile) [\(configSection)]") {
                return creds
            }
            searched.append("\(configFile) (no keys in [\(configSection)])")
        } else {
            searched.append("\(configFile) (no such file)")
        }
        throw AWSAPIError.noCredentials(searched: searched)
    }

    /// The region of the profile in the config file, when it names one (`region = eu-west-1`).
    public func profileRegion() -> String? {
        if let r = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"], !r.isEmpty { return r }
        let profile = profileName
        let section = profile == "default" ? "default" : "profile \(profile)"
        return Self.readINI(configFile)?[section: section]?["region"]
    }

    static func credentials(_ section: [String: String], origin: String) -> AWSCredentials? {
        guard let id = section["aws_access_key_id"], !id.isEmpty,
              let secret = section["aws_secret_access_key"], !secret.isEmpty else { return nil }
        let token = section["aws_session_token"] ?? section["aws_security_token"]
        let expiration = (section["aws_expiration"] ?? section["expiration"]).flatMap(ISOTime.parse)
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret,
                              sessionToken: token.flatMap { $0.isEmpty ? nil : $0 },
                              expiration: expiration, origin: origin)
    }

    static func readINI(_ path: String) -> AWSINIFile? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 1 << 20,
              let text = String(data: data, encoding: .utf8) else { return nil }
        return AWSINIFile(parsing: text)
    }
}
