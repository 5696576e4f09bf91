/// Why one health check of a target failed, as the reason code an ALB gives an `unhealthy` target.
///
/// The codes and their meanings are those of the Elastic Load Balancing API reference (`TargetHealth`,
/// "Reason") and "Health checks for Application Load Balancer target groups" ("Health check reason
/// codes").
public enum HealthCheckFailure: String, Sendable, Hashable, Codable, CaseIterable {
    /// "The health check requests timed out."
    case timeout = "Target.Timeout"
    /// "The health checks did not return an expected HTTP code."
    case responseCodeMismatch = "Target.ResponseCodeMismatch"
    /// "The load balancer received an error while establishing a connection to the target or the
    /// target response was malformed."
    case failedHealthChecks = "Target.FailedHealthChecks"
    /// "The health checks failed due to an internal error."
    case internalError = "Elb.InternalError"

    /// The reason code as `describe-target-health` prints it.
    public var reasonCode: String { rawValue }
}
