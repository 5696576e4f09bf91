import Foundation

/// Temporary credentials (assumed roles, `credential_process`, SSO, the instance role) kept in
/// memory until shortly before they expire, so a poll every few seconds does not call STS, run a
/// process or read the SSO portal each time. One fetch at a time per key: sources that share a
/// profile and ask together wait for the same answer.
///
/// Credentials are refetched once fewer than ``refreshWindow`` seconds remain: 5 minutes, because
/// AWS accepts request signatures up to 5 minutes off its own clock (so a local clock that far
/// behind must still see them as expiring), a poll with its retries finishes well within that,
/// and the instance metadata service itself offers new role credentials at least 5 minutes before
/// the old ones expire
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html).
/// Credentials without an expiration (a `credential_process` that names none) are kept for the
/// life of the program, as the AWS CLI does.
public actor AWSCredentialCache {
    /// The program's cache; tests pass their own.
    public static let shared = AWSCredentialCache()

    public static let refreshWindow: TimeInterval = 5 * 60

    private var entries: [String: AWSCredentials] = [:]
    private var inFlight: [String: Task<AWSCredentials, any Error>] = [:]
    /// How many times `fetch` ran, per key (for tests).
    public private(set) var fetches: [String: Int] = [:]

    public init() {}

    /// True when `credentials` may still be used at `now` without asking again.
    public static func isFresh(_ credentials: AWSCredentials, at now: Date) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return expiration.timeIntervalSince(now) > refreshWindow
    }

    /// The cached credentials for `key` while fresh at `now`; else the result of `fetch`, kept.
    /// A failed fetch is not kept: the next call tries again.
    public func credentials(for key: String, now: Date,
                            fetch: @escaping @Sendable () async throws -> AWSCredentials) async throws -> AWSCredentials {
        if let cached = entries[key], Self.isFresh(cached, at: now) { return cached }
        if let running = inFlight[key] { return try await running.value }
        let task = Task { try await fetch() }
        inFlight[key] = task
        fetches[key, default: 0] += 1
        defer { inFlight[key] = nil }
        let fresh = try await task.value
        entries[key] = fresh
        return fresh
    }

    /// Forgets everything (tests; a future "reload credentials" key).
    public func removeAll() {
        entries = [:]
    }
}
