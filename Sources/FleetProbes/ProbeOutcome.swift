import FleetCore
import Foundation
import ProbeTargets

/// What one health check saw.
public enum ProbeOutcome: Sendable, Hashable {
    /// A response with this status code (checked against the matcher; redirects are not followed).
    case status(Int)
    /// No complete answer (response head and body, or the first 4 KB of it) within the timeout.
    case timeout
    /// The connection was refused, reset or closed before a whole response came.
    case connectionFailed(String)
    /// The bytes that came back were not an HTTP response.
    case malformed(String)
    /// The host name did not resolve.
    case dnsFailure(String)
    /// The TLS handshake failed (an untrusted or mismatched certificate, among others).
    case tlsFailure(String)

    /// Why this outcome fails a check with `matcher`; nil for a pass.
    public func failure(matcher: StatusMatcher) -> HealthCheckFailure? {
        switch self {
        case .status(let code): matcher.matches(code) ? nil : .responseCodeMismatch
        case .timeout: .timeout
        case .connectionFailed, .malformed, .dnsFailure, .tlsFailure: .failedHealthChecks
        }
    }

    /// The ELB reason code when this outcome fails a check with `matcher`; nil for a pass.
    public func reasonCode(matcher: StatusMatcher) -> String? {
        failure(matcher: matcher)?.reasonCode
    }

    /// The status code, when a response came.
    public var statusCode: Int? {
        if case .status(let code) = self { return code }
        return nil
    }

    /// A short description for the `detail` column: `HTTP 503`, `timeout`, `connection refused`.
    public var summary: String {
        switch self {
        case .status(let code): "HTTP \(code)"
        case .timeout: "timeout"
        case .connectionFailed(let why), .malformed(let why), .dnsFailure(let why), .tlsFailure(let why): why
        }
    }
}

/// One finished health check of one target.
public struct ProbeResult: Sendable, Hashable {
    public var targetID: String
    /// When the check started.
    public var started: Date
    /// Seconds from start to outcome.
    public var latency: TimeInterval
    public var outcome: ProbeOutcome

    public init(targetID: String, started: Date, latency: TimeInterval, outcome: ProbeOutcome) {
        self.targetID = targetID
        self.started = started
        self.latency = latency
        self.outcome = outcome
    }
}
