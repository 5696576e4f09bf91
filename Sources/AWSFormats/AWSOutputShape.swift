import FleetCore

/// What makes a file the output of one aws CLI command: the top-level key that command always
/// prints. Each decoder refuses anything else in one line, e.g.
/// `x.json: not the output of `aws cloudwatch get-metric-data` (no MetricDataResults)`, so a file of
/// the wrong kind is an error, never an empty result.
public struct AWSOutputShape: Sendable, Hashable {
    public var command: String
    public var key: String

    public static let getMetricData = AWSOutputShape(command: "aws cloudwatch get-metric-data", key: "MetricDataResults")
    public static let getMetricStatistics = AWSOutputShape(command: "aws cloudwatch get-metric-statistics", key: "Datapoints")
    public static let describeAlarms = AWSOutputShape(command: "aws cloudwatch describe-alarms", key: "MetricAlarms")
    public static let describeTargetHealth = AWSOutputShape(command: "aws elbv2 describe-target-health",
                                                            key: "TargetHealthDescriptions")
    public static let describeTargetGroups = AWSOutputShape(command: "aws elbv2 describe-target-groups", key: "TargetGroups")
    public static let describeAutoScalingGroups = AWSOutputShape(command: "aws autoscaling describe-auto-scaling-groups",
                                                                 key: "AutoScalingGroups")
    public static let describeInstances = AWSOutputShape(command: "aws ec2 describe-instances", key: "Reservations")

    /// `file: not the output of `command` (no Key)`.
    public func refusal(file: String) -> InputError {
        InputError(file: file, message: "not the output of `\(command)` (no \(key))")
    }
}

extension JSONReader {
    /// Opens the top-level object of `shape`'s output. Another JSON value (an array, a string …) is
    /// refused as not that output; bytes that start no JSON value stay a syntax error.
    mutating func beginOutput(_ shape: AWSOutputShape) throws(InputError) {
        if let b = peek(), b != UInt8(ascii: "{"), Array("[\"-0123456789tfn".utf8).contains(b) {
            throw shape.refusal(file: file)
        }
        try beginObject()
    }
}
