import Foundation

/// One AWS service as fleetwatch calls it.
public struct AWSService: Sendable, Hashable {
    /// As the user reads it in messages: `cloudwatch`, `elbv2`, `autoscaling`.
    public var displayName: String
    /// The SigV4 signing name and endpoint prefix: `monitoring`, `elasticloadbalancing`, `autoscaling`.
    public var signingName: String
    /// The IAM action prefix: `cloudwatch`, `elasticloadbalancing`, `autoscaling`.
    public var iamPrefix: String

    public static let cloudWatch = AWSService(displayName: "cloudwatch", signingName: "monitoring", iamPrefix: "cloudwatch")
    public static let elbv2 = AWSService(displayName: "elbv2", signingName: "elasticloadbalancing", iamPrefix: "elasticloadbalancing")
    public static let autoScaling = AWSService(displayName: "autoscaling", signingName: "autoscaling", iamPrefix: "autoscaling")
}

/// Where a service is reached: `https://monitoring.us-east-1.amazonaws.com` by default, or an
/// endpoint from the configuration (a VPC endpoint, or a local moto server in tests).
public struct AWSEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// True when the configuration named it (then a DNS failure is not blamed on the region).
    public var isCustom: Bool

    public init(scheme: String, host: String, port: Int? = nil, isCustom: Bool) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.isCustom = isCustom
    }

    /// The public endpoint of `service` in `region` (`amazonaws.com.cn` in the China regions).
    public static func standard(_ service: AWSService, region: String) -> AWSEndpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return AWSEndpoint(scheme: "https", host: "\(service.signingName).\(region).\(suffix)", isCustom: false)
    }

    /// Parses `http://127.0.0.1:5000` or `https://vpce-…amazonaws.com`; nil when it is not such a URL.
    public init?(url text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        let path = url.path
        guard path.isEmpty || path == "/" else { return nil }
        self.init(scheme: scheme, host: host, port: url.port, isCustom: true)
    }

    /// The `Host` header value (with the port when it is not the scheme's default).
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    public var description: String { "\(scheme)://\(hostHeader)" }

    /// Region names look like `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`.
    public static func isPlausibleRegion(_ region: String) -> Bool {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter && $0.isLowercase } }
    }
}
