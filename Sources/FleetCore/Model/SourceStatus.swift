import Foundation

/// How one source is doing, as the header and status line show it.
public struct SourceStatus: Sendable, Hashable, Codable {
    public enum Health: String, Sendable, Hashable, Codable {
        case ok, stale, error
    }

    public var name: String
    /// A short description, e.g. `mock:az-outage ×20`.
    public var detail: String
    public var health: Health
    public var lastSuccess: Date?
    /// Time of the newest datapoint this source delivered.
    public var newestData: Date?
    public var lastError: String?

    public init(name: String, detail: String = "", health: Health = .ok, lastSuccess: Date? = nil,
                newestData: Date? = nil, lastError: String? = nil) {
        self.name = name
        self.detail = detail
        self.health = health
        self.lastSuccess = lastSuccess
        self.newestData = newestData
        self.lastError = lastError
    }

    /// Seconds between `now` and the last success (0 when never or in the future).
    public func age(at now: Date) -> Int {
        guard let lastSuccess else { return 0 }
        return max(0, Int(saturating: now.timeIntervalSince(lastSuccess).rounded(.down)))
    }
}
