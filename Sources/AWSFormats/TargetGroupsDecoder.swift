import FleetCore

/// One target group of `aws elbv2 describe-target-groups`: its traffic port and the health-check
/// settings, as the CLI prints them (fields the output lacks are nil; the API's defaults are the
/// caller's business). See the ELB API reference, `TargetGroup`.
public struct TargetGroupRecord: Sendable, Hashable {
    /// Where the group sits in the file (`TargetGroups[0]`), for errors about its fields.
    public var path: String
    public var name: String?
    public var arn: String?
    /// The traffic port.
    public var port: Int?
    public var healthCheckProtocol: String?
    /// `traffic-port` or a port number, as text (the CLI prints a string).
    public var healthCheckPort: String?
    public var healthCheckPath: String?
    public var healthCheckIntervalSeconds: Int?
    public var healthCheckTimeoutSeconds: Int?
    public var healthyThresholdCount: Int?
    public var unhealthyThresholdCount: Int?
    /// `Matcher.HttpCode`, e.g. `200`, `200,202`, `200-299`.
    public var matcherHttpCode: String?
    public var loadBalancerArns: [String] = []

    public init(path: String) { self.path = path }
}

extension CloudWatchFiles {
    /// Decodes `aws elbv2 describe-target-groups` output; another command's output is refused.
    public static func decodeTargetGroups(_ bytes: [UInt8], file: String) throws(InputError) -> [TargetGroupRecord] {
        var out: [TargetGroupRecord] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.beginOutput(.describeTargetGroups)
            var seen = false
            while let k = try r.nextKey() {
                guard k == AWSOutputShape.describeTargetGroups.key else { try r.skipValue(); continue }
                seen = true
                try r.beginArray()
                while try r.nextElement() {
                    var g = TargetGroupRecord(path: r.pathString)
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        switch f {
                        case "TargetGroupName": g.name = try r.readOptionalString()
                        case "TargetGroupArn": g.arn = try r.readOptionalString()
                        case "Port": g.port = try r.skipNull() ? nil : r.readInt(in: 0...65535)
                        case "HealthCheckProtocol": g.healthCheckProtocol = try r.readOptionalString()
                        case "HealthCheckPort":
                            // A string in the CLI's output; a bare number is taken too.
                            if r.peek() == UInt8(ascii: "\"") || r.peek() == UInt8(ascii: "n") {
                                g.healthCheckPort = try r.readOptionalString()
                            } else {
                                g.healthCheckPort = String(try r.readInt(in: 0...65535))
                            }
                        case "HealthCheckPath": g.healthCheckPath = try r.readOptionalString()
                        case "HealthCheckIntervalSeconds": g.healthCheckIntervalSeconds = try r.skipNull() ? nil : r.readInt(in: 1...86400)
                        case "HealthCheckTimeoutSeconds": g.healthCheckTimeoutSeconds = try r.skipNull() ? nil : r.readInt(in: 1...86400)
                        case "HealthyThresholdCount": g.healthyThresholdCount = try r.skipNull() ? nil : r.readInt(in: 1...100)
                        case "UnhealthyThresholdCount": g.unhealthyThresholdCount = try r.skipNull() ? nil : r.readInt(in: 1...100)
                        case "Matcher":
                            if try r.skipNull() { break }
                            try r.beginObject()
                            while let m = try r.nextKey() {
                                if m == "HttpCode" { g.matcherHttpCode = try r.readOptionalString() } else { try r.skipValue() }
                            }
                        case "LoadBalancerArns": g.loadBalancerArns = try r.skipNull() ? [] : r.readStringArray()
                        default: try r.skipValue()
                        }
                    }
                    out.append(g)
                }
            }
            guard seen else { throw AWSOutputShape.describeTargetGroups.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        return out
    }
}
