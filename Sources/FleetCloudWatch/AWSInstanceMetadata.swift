import FleetCore
import NIOCore
import Foundation

/// The EC2 instance role over IMDSv2
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html):
/// `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds`, then
/// `GET /latest/meta-data/iam/security-credentials/` (the role name) and `…/ROLE` (JSON with
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`), both with `X-aws-ec2-metadata-token`.
/// The endpoint is `http://169.254.169.254` or `AWS_EC2_METADATA_SERVICE_ENDPOINT`; each call gets
/// `AWS_METADATA_SERVICE_TIMEOUT` seconds (default 1) and one attempt, the SDKs' defaults
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ec2-instance-metadata.html), so a
/// laptop without IMDS waits at most a second. IMDSv1 (no token) is not used.
struct AWSInstanceMetadata: Sendable {
    var endpoint: String
    var transport: any AWSTransport

    init(chain: AWSCredentialChain) {
        let configured = chain.env("AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? "http://169.254.169.254"
        endpoint = configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        let seconds = chain.env("AWS_METADATA_SERVICE_TIMEOUT").flatMap(Int64.init).map { max(1, min($0, 30)) } ?? 1
        transport = AsyncHTTPTransport(timeout: .seconds(seconds), maxBodyBytes: 64 * 1024)
    }

    init(endpoint: String, transport: any AWSTransport) {
        self.endpoint = endpoint
        self.transport = transport
    }

    /// No metadata service answered the token request: not on EC2 (the chain goes on).
    enum Absent: Error { case absent(String) }

    /// The service answered the token request, then something failed: worth telling.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func roleCredentials() async throws -> AWSCredentials {
        let tokenResponse: AWSHTTPResponse
        do {
            tokenResponse = try await transport.send(AWSHTTPRequest(
                method: "PUT", url: "\(endpoint)/latest/api/token",
                headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], body: []))
        } catch {
            throw Absent.absent(AWSTransportFailure.classify(error).reason)
        }
        guard tokenResponse.status == 200, let token = String(validating: tokenResponse.body, as: UTF8.self),
              !token.isEmpty else {
            throw Absent.absent("token request answered HTTP \(tokenResponse.status)")
        }
        let header = [("X-aws-ec2-metadata-token", token)]
        let base = "\(endpoint)/latest/meta-data/iam/security-credentials/"
        let list = try await get(base, headers: header, what: "the role name")
        guard let role = String(decoding: list, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map({ $0.trimmingCharacters(in: .whitespaces) }), !role.isEmpty else {
            throw Failure(description: "the instance has no IAM role (instance metadata lists none)")
        }
        // IAM role names are letters, digits and +=,.@_- (so safe in a path as they are).
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "+=,.@_-"))
        guard role.count <= 128, role.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            throw Failure(description: "instance metadata named a role that is not an IAM role name")
        }
        let body = try await get(base + role, headers: header, what: "the role's credentials")
        return try Self.parse(body, role: role)
    }

    private func get(_ url: String, headers: [(String, String)], what: String) async throws -> [UInt8] {
        let response: AWSHTTPResponse
        do {
            response = try await transport.send(AWSHTTPRequest(method: "GET", url: url, headers: headers, body: []))
        } catch {
            throw Failure(description: "instance metadata at \(endpoint): reading \(what): \(AWSTransportFailure.classify(error).reason)")
        }
        guard response.status == 200 else {
            let hint = response.status == 404 ? " (no IAM role attached to the instance?)" : ""
            throw Failure(description: "instance metadata at \(endpoint): reading \(what) answered HTTP \(response.status)\(hint)")
        }
        return response.body
    }

    /// The role document: `{"Code": "Success", "AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`.
    static func parse(_ body: [UInt8], role: String) throws -> AWSCredentials {
        let shown = SafeText.line(role)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw Failure(description: "instance metadata: the credentials of role \(shown) are not JSON")
        }
        if let code = object["Code"] as? String, code != "Success" {
            throw Failure(description: "instance metadata: role \(shown) credentials not available (Code \(SafeText.line(code)))")
        }
        guard let id = object["AccessKeyId"] as? String, !id.isEmpty,
              let secret = object["SecretAccessKey"] as? String, !secret.isEmpty,
              let token = object["Token"] as? String, !token.isEmpty,
              let expiration = (object["Expiration"] as? String).flatMap(ISOTime.parse) else {
            throw Failure(description: "instance metadata: the credentials of role \(shown) lack AccessKeyId, SecretAccessKey, Token or Expiration")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token, expiration: expiration,
                              origin: "EC2 instance role \(shown)")
    }
}
