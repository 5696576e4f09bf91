import FleetCore
import FleetXML
import Foundation

extension AWSService {
    /// AWS Security Token Service (AssumeRole).
    public static let sts = AWSService(displayName: "sts", signingName: "sts", iamPrefix: "sts")
}

extension AWSCredentialChain {
    /// A role profile: `role_arn` with `source_profile` (whose credentials sign the call; chains of
    /// role profiles are followed, a loop is an error) or `credential_source` (`Environment`,
    /// `Ec2InstanceMetadata`), and the optional `role_session_name`, `external_id` and
    /// `duration_seconds`. `mfa_serial` is refused: fleetwatch has no prompt for the code.
    /// The settings are the AWS CLI's
    /// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html); the call is STS
    /// AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html) at the
    /// regional endpoint of `AWS_REGION`, else the profile's `region`, else the fleet's; or at
    /// `AWS_ENDPOINT_URL_STS` or the configuration's `endpoint:`.
    func assumeRole(profile name: String, settings: [String: String], files: AWSProfileFiles,
                    visited: [String]) async throws -> AWSCredentials {
        let request = try AssumeRoleRequest(profile: name, settings: settings, now: now())
        let region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? settings["region"] ?? region ?? "us-east-1"
        let endpoint = try stsEndpoint ?? endpointFromEnvironment("AWS_ENDPOINT_URL_STS", profile: name) ?? .standard(.sts, region: region)
        let key = "role|\(configFile)|\(credentialsFile)|\(name)|\(request.roleArn)|\(endpoint)"
        return try await cache.credentials(for: key, now: now()) {
            let source = try await self.roleSource(profile: name, settings: settings, files: files, visited: visited)
            let client = AWSClient(service: .sts, region: region, endpoint: endpoint, transport: self.transport,
                                   retry: AWSRetryPolicy(maxAttempts: 3), now: self.now)
            do {
                let root = try await client.query(action: "AssumeRole", version: "2011-06-15",
                                                  parameters: request.parameters, credentials: source)
                return try Self.assumeRoleCredentials(root, roleArn: request.roleArn)
            } catch let error as AWSAPIError {
                if case .credentialSource = error { throw error }
                throw AWSAPIError.credentialSource(profile: name, detail: "assuming \(request.roleArn): \(error.description)")
            }
        }
    }

    /// The credentials that sign the AssumeRole call.
    func roleSource(profile name: String, settings: [String: String], files: AWSProfileFiles,
                    visited: [String]) async throws -> AWSCredentials {
        switch (settings["source_profile"], settings["credential_source"]) {
        case (let source?, nil):
            let sourceSettings = files.settings(source)
            guard files.exists(source) else {
                throw AWSAPIError.credentialSource(profile: name, detail: "source_profile '\(source)' is not in \(configFile) or \(credentialsFile)")
            }
            let ownKeys = sourceSettings["aws_access_key_id"] != nil && sourceSettings["aws_secret_access_key"] != nil
            // A profile may name itself to use its own keys; any other repeat is a loop.
            if visited.contains(source), !(source == name && ownKeys) {
                throw AWSAPIError.credentialSource(profile: name, detail: "source_profile loop: \((visited + [source]).joined(separator: " → "))")
            }
            var ignored: [String] = []
            let allowRole = !ownKeys && sourceSettings["role_arn"] != nil
            guard let creds = try await resolveProfile(source, files: files, allowRole: allowRole,
                                                       visited: visited + [source], searched: &ignored) else {
                throw AWSAPIError.credentialSource(profile: name, detail: "source_profile '\(source)' has no credentials")
            }
            return creds
        case (nil, let source?):
            switch source.lowercased() {
            case "environment":
                guard let creds = environmentCredentials() else {
                    throw AWSAPIError.credentialSource(profile: name, detail: "credential_source = Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set")
                }
                return creds
            case "ec2instancemetadata":
                var searched: [String] = []
                guard let creds = try await instanceRoleIfEnabled(profile: name, searched: &searched) else {
                    throw AWSAPIError.credentialSource(profile: name, detail: "credential_source = Ec2InstanceMetadata, but there is no instance role: \(searched.joined(separator: "; "))")
                }
                return creds
            default:
                throw AWSAPIError.credentialSource(profile: name, detail: "credential_source = \(SafeText.line(source)) is not supported (Environment or Ec2InstanceMetadata)")
            }
        case (nil, nil):
            throw AWSAPIError.credentialSource(profile: name, detail: "role_arn needs source_profile or credential_source")
        case (_?, _?):
            throw AWSAPIError.credentialSource(profile: name, detail: "source_profile and credential_source are mutually exclusive")
        }
    }

    /// An endpoint URL from the environment (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_SSO`):
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    func endpointFromEnvironment(_ variable: String, profile: String) throws -> AWSEndpoint? {
        guard let text = env(variable) else { return nil }
        guard let endpoint = AWSEndpoint(url: text) else {
            throw AWSAPIError.credentialSource(profile: profile, detail: "\(variable) is not a URL like https://host:port")
        }
        return endpoint
    }

    /// Reads `AssumeRoleResponse/AssumeRoleResult/Credentials`.
    static func assumeRoleCredentials(_ root: XMLTree, roleArn: String) throws -> AWSCredentials {
        guard let c = root.find("Credentials"), let id = c.string("AccessKeyId"), let secret = c.string("SecretAccessKey"),
              let token = c.string("SessionToken") else {
            throw AWSAPIError.badResponse(service: "sts", operation: "AssumeRole", detail: "no Credentials in the answer")
        }
        guard let expiration = c.string("Expiration").flatMap(ISOTime.parse) else {
            throw AWSAPIError.badResponse(service: "sts", operation: "AssumeRole", detail: "no readable Credentials/Expiration")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token,
                              expiration: expiration, origin: "role \(roleArn)")
    }
}

/// The parameters of one AssumeRole call, checked.
struct AssumeRoleRequest: Sendable, Equatable {
    var roleArn: String
    var sessionName: String
    var externalId: String?
    var durationSeconds: Int?

    init(profile: String, settings: [String: String], now: Date) throws {
        guard let arn = settings["role_arn"], arn.hasPrefix("arn:") else {
            throw AWSAPIError.credentialSource(profile: profile, detail: "role_arn is not an ARN (arn:aws:iam::ACCOUNT:role/NAME)")
        }
        if settings["mfa_serial"] != nil {
            throw AWSAPIError.credentialSource(profile: profile, detail: "mfa_serial needs an MFA code and fleetwatch cannot prompt for one: "
                + "use a profile without MFA, SSO, or a credential_process that caches the session")
        }
        roleArn = arn
        // Role session names: 2–64 of [\w+=,.@-] (the AssumeRole API reference).
        sessionName = settings["role_session_name"] ?? "fleetwatch-\(Int(now.timeIntervalSince1970))"
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_+=,.@-"))
        guard (2...64).contains(sessionName.count), sessionName.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            throw AWSAPIError.credentialSource(profile: profile, detail: "role_session_name must be 2 to 64 letters, digits or _+=,.@-")
        }
        externalId = settings["external_id"]
        if let text = settings["duration_seconds"] {
            // 900 s to the role's maximum session duration, at most 12 hours.
            guard let seconds = Int(text), (900...43200).contains(seconds) else {
                throw AWSAPIError.credentialSource(profile: profile, detail: "duration_seconds must be a number from 900 to 43200, got \(SafeText.line(text))")
            }
            durationSeconds = seconds
        }
    }

    var parameters: [(String, String)] {
        var p = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { p.append(("ExternalId", externalId)) }
        if let durationSeconds { p.append(("DurationSeconds", String(durationSeconds))) }
        return p
    }
}
