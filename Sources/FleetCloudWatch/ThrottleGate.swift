import Foundation

/// Backoff after throttling, shared by every source of one region and account (``CloudWatchLink``):
/// when AWS throttles a request (after ``AWSClient``'s own quick retries, ``AWSRetryPolicy``), the
/// members ask nothing more until the backoff has passed, then try again; each further throttled
/// round doubles the wait (full jitter, capped). AWS's rate quotas are per account and Region
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html), so one
/// region's (or account's) throttling slows only its own members. Times are the pollers' `now`.
public final class ThrottleGate: @unchecked Sendable {  // state behind `lock`
    private let lock = NSLock()
    private let backoff: AWSRetryPolicy
    private var throttledRounds = 0
    private var notBefore: Date?

    public init(backoff: AWSRetryPolicy = AWSRetryPolicy(maxAttempts: 1, baseDelay: 60, maxDelay: 900)) {
        self.backoff = backoff
    }

    /// Throws ``AWSAPIError/throttled(service:operation:attempts:)`` while backing off.
    public func check(now: Date, operation: String = "GetMetricData", service: String = "cloudwatch") throws {
        let (until, rounds) = lock.withLock { (notBefore, throttledRounds) }
        if let until, now < until {
            throw AWSAPIError.throttled(service: service, operation: operation, attempts: rounds)
        }
    }

    /// A round was throttled at `now`: back off at least `minimum` seconds. The members of one round
    /// all report it; only the first report (before the backoff is set) counts.
    public func throttled(at now: Date, minimum: TimeInterval) {
        lock.withLock {
            if let until = notBefore, until > now { return }
            throttledRounds += 1
            notBefore = now.addingTimeInterval(max(minimum, backoff.delay(retry: throttledRounds - 1)))
        }
    }

    /// A round went through: no backoff.
    public func succeeded() {
        lock.withLock {
            throttledRounds = 0
            notBefore = nil
        }
    }

    /// When asking is allowed again (nil: now).
    public var backingOffUntil: Date? { lock.withLock { notBefore } }
}
