import FleetCore
import Foundation

/// Finds credentials where the AWS CLI looks, in its order
/// (https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html#configure-precedence):
/// 1. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` — skipped
///    when the fleetwatch configuration names a `profile:`, as `aws --profile` skips it;
/// 2. the profile (`profile:`, else `AWS_PROFILE`, else `default`), reading the shared credentials
///    file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`, section `[NAME]`) and the
///    config file (`AWS_CONFIG_FILE`, default `~/.aws/config`, section `[profile NAME]`), in this
///    order: `role_arn` (STS AssumeRole, ``assumeRole(profile:settings:visited:)``), SSO
///    (`sso_session` or `sso_start_url`), static keys in the credentials file, `credential_process`,
///    static keys in the config file;
/// 3. the EC2 instance role over IMDSv2, unless `AWS_EC2_METADATA_DISABLED=true`.
/// Temporary credentials are kept in ``AWSCredentialCache`` until shortly before they expire;
/// static keys are reread at every call, so a rotated key is picked up at the next poll.
/// Web identity (`web_identity_token_file`) and container credentials are not read.
public struct AWSCredentialChain: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    /// A profile named in the fleetwatch configuration; wins over `AWS_PROFILE`.
    public var profile: String?
    /// The region for STS when the profile names none (the fleet's region).
    public var region: String?
    /// Where STS is reached instead of `https://sts.REGION.amazonaws.com` (the configuration's
    /// `endpoint:`/`endpoints: {sts:}`; `AWS_ENDPOINT_URL_STS` otherwise).
    public var stsEndpoint: AWSEndpoint?
    /// Sends STS and SSO portal calls.
    public var transport: any AWSTransport
    public var cache: AWSCredentialCache
    /// Wall time: expiry checks and signatures.
    public var now: @Sendable () -> Date
    /// A `credential_process` that runs longer is stopped and reported.
    public var processTimeout: Double

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil, profile: String? = nil, region: String? = nil,
                stsEndpoint: AWSEndpoint? = nil, transport: any AWSTransport = AsyncHTTPTransport(),
                cache: AWSCredentialCache = .shared, now: @escaping @Sendable () -> Date = { Date() },
                processTimeout: Double = 30) {
        self.environment = environment
        // `~` is $HOME, as for the AWS CLI; the password database only when HOME is unset.
        self.homeDirectory = homeDirectory ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        self.profile = profile
        self.region = region
        self.stsEndpoint = stsEndpoint
        self.transport = transport
        self.cache = cache
        self.now = now
        self.processTimeout = processTimeout
    }

    public var profileName: String {
        profile ?? env("AWS_PROFILE") ?? "default"
    }

    var credentialsFile: String { path(environment["AWS_SHARED_CREDENTIALS_FILE"], default: ".aws/credentials") }
    var configFile: String { path(environment["AWS_CONFIG_FILE"], default: ".aws/config") }

    /// A non-empty environment variable.
    func env(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    func path(_ value: String?, default relative: String) -> String {
        guard let value, !value.isEmpty else { return homeDirectory + "/" + relative }
        if value.hasPrefix("~/") { return homeDirectory + "/" + value.dropFirst(2) }
        return value
    }

    /// The first credentials found; throws ``AWSAPIError/noCredentials(searched:)`` naming every
    /// place looked, or ``AWSAPIError/credentialSource(profile:detail:)`` when a profile's source failed.
    public func resolve() async throws -> AWSCredentials {
        var searched: [String] = []
        if profile == nil {
            if let creds = environmentCredentials() { return creds }
            let some = env("AWS_ACCESS_KEY_ID") != nil || env("AWS_SECRET_ACCESS_KEY") != nil
            searched.append(some ? "environment (only one of AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set)"
                                 : "environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY unset)")
        }
        let files = AWSProfileFiles(chain: self)
        let name = profileName
        if profile != nil, name != "default", !files.exists(name) {
            throw AWSAPIError.credentialSource(profile: name, detail: "no such profile in \(configFile) or \(credentialsFile)")
        }
        if let creds = try await resolveProfile(name, files: files, allowRole: true, visited: [name], searched: &searched) {
            return creds
        }
        if let creds = try await instanceRoleIfEnabled(profile: name, searched: &searched) { return creds }
        throw AWSAPIError.noCredentials(searched: searched)
    }

    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`) when both are set.
    func environmentCredentials() -> AWSCredentials? {
        guard let id = env("AWS_ACCESS_KEY_ID"), let secret = env("AWS_SECRET_ACCESS_KEY") else { return nil }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: env("AWS_SESSION_TOKEN"),
                              origin: "environment")
    }

    /// One profile's credentials, in the CLI's order within a profile; nil when it has none.
    /// `allowRole` is false for a source profile that has its own keys (a role profile may name
    /// itself as `source_profile` to use its own keys).
    func resolveProfile(_ name: String, files: AWSProfileFiles, allowRole: Bool, visited: [String],
                        searched: inout [String]) async throws -> AWSCredentials? {
        let settings = files.settings(name)
        if allowRole, settings["role_arn"] != nil {
            return try await assumeRole(profile: name, settings: settings, files: files, visited: visited)
        }
        if settings["sso_session"] != nil || settings["sso_start_url"] != nil || settings["sso_account_id"] != nil {
            return try await ssoCredentials(profile: name, settings: settings, files: files)
        }
        if let section = files.credentials?[section: name],
           let creds = Self.credentials(section, origin: "\(credentialsFile) [\(name)]") {
            return creds
        }
        if let command = settings["credential_process"] {
            return try await processCredentials(profile: name, command: command)
        }
        let configSection = AWSProfileFiles.configSection(name)
        if let section = files.configSection(name), let creds = Self.credentials(section, origin: "\(configFile) [\(configSection)]") {
            return creds
        }
        searched.append(files.credentials == nil ? "\(credentialsFile) (no such file)" : "\(credentialsFile) (no keys in [\(name)])")
        searched.append(files.config == nil ? "\(configFile) (no such file)" : "\(configFile) (no keys in [\(configSection)])")
        return nil
    }

    /// The instance role, unless `AWS_EC2_METADATA_DISABLED=true`; nil (and a note) when there is no
    /// instance metadata service to ask.
    func instanceRoleIfEnabled(profile: String, searched: inout [String]) async throws -> AWSCredentials? {
        if env("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true" {
            searched.append("EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)")
            return nil
        }
        let imds = AWSInstanceMetadata(chain: self)
        do {
            return try await cache.credentials(for: "imds|\(imds.endpoint)", now: now()) { try await imds.roleCredentials() }
        } catch AWSInstanceMetadata.Absent.absent(let reason) {
            searched.append("EC2 instance metadata at \(imds.endpoint) (\(reason))")
            return nil
        } catch let error as AWSInstanceMetadata.Failure {
            throw AWSAPIError.credentialSource(profile: profile, detail: error.description)
        }
    }

    /// The region of the profile in the config file, when it names one (`region = eu-west-1`).
    public func profileRegion() -> String? {
        if let r = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") { return r }
        return AWSProfileFiles(chain: self).configSection(profileName)?["region"]
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

/// The two shared files as read once for one resolution, and a profile's settings from both.
struct AWSProfileFiles: Sendable {
    var credentials: AWSINIFile?
    var config: AWSINIFile?

    init(credentials: AWSINIFile?, config: AWSINIFile?) {
        self.credentials = credentials
        self.config = config
    }

    init(chain: AWSCredentialChain) {
        self.init(credentials: AWSCredentialChain.readINI(chain.credentialsFile),
                  config: AWSCredentialChain.readINI(chain.configFile))
    }

    /// `[profile NAME]` in the config file; `[default]` for the default profile.
    static func configSection(_ name: String) -> String { name == "default" ? "default" : "profile \(name)" }

    func configSection(_ name: String) -> [String: String]? {
        config?[section: Self.configSection(name)] ?? (name == "default" ? config?[section: "profile default"] : nil)
    }

    func exists(_ name: String) -> Bool {
        configSection(name) != nil || credentials?[section: name] != nil
    }

    /// The profile's settings from the config file, overridden by the credentials file (as the CLI merges them).
    func settings(_ name: String) -> [String: String] {
        (configSection(name) ?? [:]).merging(credentials?[section: name] ?? [:]) { _, fromCredentials in fromCredentials }
    }

    /// An `[sso-session NAME]` section of the config file.
    func ssoSession(_ name: String) -> [String: String]? { config?[section: "sso-session \(name)"] }
}
