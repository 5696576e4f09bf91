import Foundation

/// HTTP or HTTPS, as a target group's `HealthCheckProtocol` names it.
public enum ProbeProtocol: String, Sendable, Hashable, CaseIterable {
    case http = "HTTP"
    case https = "HTTPS"

    var scheme: String { self == .http ? "http" : "https" }
}

/// One target's health-check settings, named and defaulted as an ALB target group's are:
/// `GET /health` on port 80 over HTTP every 30 s, timeout 5 s, thresholds 3/3, matcher `200`.
public struct ProbeSettings: Sendable, Hashable {
    public var path: String
    public var port: Int
    public var `protocol`: ProbeProtocol
    /// Seconds between two checks of one target.
    public var interval: TimeInterval
    /// Seconds a whole check (connect, request, response head and body) may take.
    public var timeout: TimeInterval
    public var healthyThreshold: Int
    public var unhealthyThreshold: Int
    public var matcher: StatusMatcher
    /// Skip TLS certificate verification (self-signed hosts); shown as `insecure`.
    public var insecure: Bool

    public init(path: String = "/health", port: Int = 80, protocol: ProbeProtocol = .http,
                interval: TimeInterval = 30, timeout: TimeInterval = 5, healthyThreshold: Int = 3,
                unhealthyThreshold: Int = 3, matcher: StatusMatcher = .ok, insecure: Bool = false) {
        self.path = path
        self.port = port
        self.protocol = `protocol`
        self.interval = interval
        self.timeout = timeout
        self.healthyThreshold = healthyThreshold
        self.unhealthyThreshold = unhealthyThreshold
        self.matcher = matcher
        self.insecure = insecure
    }

    /// The ALB's defaults (and Erato's target group's).
    public static let alb = ProbeSettings()
}

/// One thing to health-check: an instance's id and zone and the URL its check goes to.
public struct ProbeTarget: Sendable, Hashable {
    public var id: String
    public var zone: String
    /// `http(s)://host:port/path`.
    public var url: String
    public var settings: ProbeSettings

    public init(id: String, zone: String, url: String, settings: ProbeSettings) {
        self.id = id
        self.zone = zone
        self.url = url
        self.settings = settings
    }

    /// A target at `host` (a name, an IPv4 address or an IPv6 address) with the settings' protocol, port and path.
    public init(id: String, zone: String, host: String, settings: ProbeSettings) {
        let h = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let path = settings.path.hasPrefix("/") ? settings.path : "/" + settings.path
        self.init(id: id, zone: zone, url: "\(settings.protocol.scheme)://\(h):\(settings.port)\(path)", settings: settings)
    }
}
