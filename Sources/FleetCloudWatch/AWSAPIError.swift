import FleetCore
import FleetXML
import Foundation

/// What went wrong talking to AWS, in words a person can act on. Each case renders as one line
/// (the source's `lastError`, shown on the status line). No case carries a secret: key ids appear
/// only redacted, and server messages are scrubbed of the credentials before they get here.
public enum AWSAPIError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    /// No credentials in any of the standard places; `searched` says where it looked.
    case noCredentials(searched: [String])
    /// A profile's credential source (assume role, `credential_process`, SSO, instance metadata)
    /// failed; `detail` says how and what to do, and never holds a secret.
    case credentialSource(profile: String, detail: String)
    /// The session token (temporary credentials) has expired.
    case expiredToken(service: String, keyId: String)
    /// The identity may not call `action` (e.g. `cloudwatch:GetMetricData`).
    case accessDenied(service: String, action: String, keyId: String)
    /// The signature did not match: the secret access key is wrong for the key id.
    case wrongSecret(service: String, keyId: String)
    /// The access key id (or session token) is unknown to AWS.
    case unknownAccessKey(service: String, keyId: String)
    /// The region does not exist or the service's endpoint in it does not resolve.
    case unknownEndpoint(service: String, host: String, region: String)
    /// Nobody answered at the endpoint: connection refused, DNS failure, timeout.
    case unreachable(service: String, endpoint: String, reason: String)
    /// Still throttled after every retry.
    case throttled(service: String, operation: String, attempts: Int)
    /// Any other error AWS returned, with its code and message.
    case service(service: String, operation: String, status: Int, code: String, message: String)
    /// An answer that is not what the protocol promises.
    case badResponse(service: String, operation: String, detail: String)

    public var description: String {
        switch self {
        case .noCredentials(let searched):
            return "no AWS credentials found (looked in: \(searched.joined(separator: "; "))): "
                + "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile of ~/.aws/credentials or ~/.aws/config (profile: or AWS_PROFILE)"
        case .credentialSource(let profile, let detail):
            return "AWS profile '\(profile)': \(detail)"
        case .expiredToken(let service, let keyId):
            return "\(service): the session token for \(keyId) has expired: renew the credentials "
                + "(e.g. aws sso login or a new assume-role); fleetwatch rereads them at the next refresh"
        case .accessDenied(let service, let action, let keyId):
            return "\(service): access denied: \(keyId) may not call \(action); add \(action) to its IAM policy"
        case .wrongSecret(let service, let keyId):
            return "\(service): the secret access key is wrong for access key \(keyId) (the signature did not match)"
        case .unknownAccessKey(let service, let keyId):
            return "\(service): AWS does not know access key \(keyId): it was deleted, is mistyped, or its session token is missing"
        case .unknownEndpoint(let service, let host, let region):
            return "\(service): no endpoint \(host): is the region '\(region)' right? (or set endpoint: in the configuration)"
        case .unreachable(let service, let endpoint, let reason):
            return "\(service): cannot reach \(endpoint) (\(reason))"
        case .throttled(let service, let operation, let attempts):
            return "\(service): \(operation) throttled by AWS \(attempts) times in a row; backing off, data may lag"
        case .service(let service, let operation, let status, let code, let message):
            let m = message.isEmpty ? "" : ": \(message)"
            return "\(service): \(operation) failed (HTTP \(status) \(code))\(m)"
        case .badResponse(let service, let operation, let detail):
            return "\(service): \(operation) gave an answer fleetwatch cannot read (\(detail))"
        }
    }

    public var errorDescription: String? {
        SafeText.line(description)
    }

    /// True for errors worth retrying after a pause (throttling, 5xx).
    public var isThrottling: Bool {
        if case .throttled = self { return true }
        return false
    }
}

/// An error AWS sent back, before it is put in words: the HTTP status, the error code from the
/// JSON `__type`, the `x-amzn-query-error` header or the XML `<Code>`, and the message.
public struct AWSErrorReply: Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException",
        "SlowDown", "RequestThrottled", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Throttling and the transient server errors: worth a retry after a backoff.
    public var isRetryable: Bool {
        Self.throttlingCodes.contains(code) || status == 429 || status == 503 || status == 502 || status == 504
            || code == "ServiceUnavailable" || code == "InternalFailure" || code == "InternalError"
    }

    /// Parses an error body: JSON (`{"__type": "ns#Code", "message": …}`), XML
    /// (`<ErrorResponse><Error><Code>…`), or only the status and headers.
    public static func parse(status: Int, headers: [(String, String)], body: [UInt8]) -> AWSErrorReply {
        var code = ""
        var message = ""
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] {
            if let type = (object["__type"] ?? object["code"] ?? object["Code"]) as? String {
                code = String(type.split(separator: "#").last ?? Substring(type))
                code = String(code.split(separator: ":").first ?? Substring(code))
            }
            message = (object["message"] ?? object["Message"]) as? String ?? ""
        } else if trimmed.hasPrefix("<"), let root = XMLTree.parse(Array(trimmed.utf8)) {
            // `<ErrorResponse><Error>` (ELBv2, Auto Scaling) or `<ErrorResponse><Errors><Error>` (EC2 style).
            let error = root.find("Error") ?? root
            code = error.first("Code")?.text ?? ""
            message = error.first("Message")?.text ?? ""
        }
        // JSON services that are query-compatible (CloudWatch) name the query-protocol code here.
        if let header = headers.first(where: { $0.0.lowercased() == "x-amzn-query-error" })?.1,
           let queryCode = header.split(separator: ";").first, code.isEmpty || code.hasSuffix("Exception") {
            code = String(queryCode)
        }
        if code.isEmpty, let header = headers.first(where: { $0.0.lowercased() == "x-amzn-errortype" })?.1 {
            code = String(header.split(separator: ":").first ?? "")
        }
        if code.isEmpty { code = status == 429 ? "Throttling" : "HTTP\(status)" }
        return AWSErrorReply(status: status, code: code, message: message)
    }

    /// The IAM action named in an access-denied message (`… not authorized to perform: cloudwatch:GetMetricData …`).
    static func deniedAction(in message: String) -> String? {
        guard let r = message.range(of: "perform: ") else { return nil }
        let rest = message[r.upperBound...]
        var action = String(rest.prefix { !$0.isWhitespace && $0 != "," && $0 != ";" })
        guard action.contains(":") else { return nil }
        // Some emulators name CloudWatch by its signing name; IAM policies say `cloudwatch:`.
        if action.hasPrefix("monitoring:") { action = "cloudwatch:" + action.dropFirst("monitoring:".count) }
        return action
    }

    /// Puts the reply in words: credentials problems by kind, everything else with code and message.
    func error(service: AWSService, operation: String, credentials: AWSCredentials, attempts: Int) -> AWSAPIError {
        let key = credentials.redactedKeyId
        let name = service.displayName
        switch code {
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
            return .expiredToken(service: name, keyId: key)
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "NotAuthorized":
            let action = Self.deniedAction(in: message) ?? "\(service.iamPrefix):\(operation)"
            return .accessDenied(service: name, action: action, keyId: key)
        case "SignatureDoesNotMatch":
            return .wrongSecret(service: name, keyId: key)
        case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure":
            return .unknownAccessKey(service: name, keyId: key)
        default:
            if isRetryable { return .throttled(service: name, operation: operation, attempts: attempts) }
            return .service(service: name, operation: operation, status: status, code: code,
                            message: credentials.scrub(String(message.prefix(300))))
        }
    }
}

extension AWSCredentials {
    /// `text` with the key id, secret and token replaced, for anything that came from outside.
    func scrub(_ text: String) -> String {
        var out = text
        for secret in [secretAccessKey, sessionToken ?? "", accessKeyId] where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: secret == accessKeyId ? redactedKeyId : "(redacted)")
        }
        return SafeText.line(out)
    }
}
