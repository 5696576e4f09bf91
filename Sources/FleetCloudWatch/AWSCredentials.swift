import Foundation

/// An AWS access key, optionally with a session token. Never printed: `description`,
/// `debugDescription` and the mirror (`dump`) show only a redacted key id, so a stray `print`,
/// string interpolation or `dump` cannot leak a secret to the screen, a log or a recording.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials expire, if known (`aws_expiration`/`expiration` in the files).
    public var expiration: Date?
    /// Where they came from, e.g. `environment` or `~/.aws/credentials [prod]` (safe to show).
    public var origin: String

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil,
                expiration: Date? = nil, origin: String = "explicit") {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.origin = origin
    }

    /// The key id with all but its first four characters hidden: `AKIA…(redacted)`.
    public var redactedKeyId: String { Self.redact(accessKeyId) }

    public static func redact(_ keyId: String) -> String {
        String(keyId.prefix(4)) + "…(redacted)"
    }

    public var description: String { "AWSCredentials(\(redactedKeyId) from \(origin))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": redactedKeyId, "origin": origin, "expiration": expiration as Any],
               displayStyle: .struct)
    }
}
