import FleetSources
import Foundation

extension ProbeSettings {
    /// The setting keys a targets file's `defaults:` and each target may give.
    public static let keys: Set<String> = [
        "path", "port", "protocol", "interval", "timeout", "healthy_threshold", "unhealthy_threshold",
        "matcher", "insecure",
    ]

    /// These settings with the ones `node` gives (any of ``keys``) put over them. `except` names
    /// keys that may not appear (a target with a `url` takes path, port and protocol from it).
    func applying(_ node: ConfigNode, except: Set<String> = []) throws -> ProbeSettings {
        var s = self
        for key in except where node[key] != nil {
            throw node[key]!.error("not allowed here: it comes from the url")
        }
        if let v = node["path"] {
            s.path = try v.string()
            guard s.path.hasPrefix("/"), !s.path.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                throw v.error("expected a path starting with / and without spaces, got \(v.describe())")
            }
        }
        if let v = node["port"] { s.port = try v.int(in: 1...65535) }
        if let v = node["protocol"] {
            let text = try v.string()
            guard let p = ProbeProtocol(rawValue: text.uppercased()) else {
                throw v.error("expected HTTP or HTTPS, got \(v.describe())")
            }
            s.protocol = p
        }
        if let v = node["interval"] { s.interval = try v.duration() }
        if let v = node["timeout"] { s.timeout = try v.duration() }
        if let v = node["healthy_threshold"] { s.healthyThreshold = try v.int(in: 1...10) }
        if let v = node["unhealthy_threshold"] { s.unhealthyThreshold = try v.int(in: 1...10) }
        if let v = node["matcher"] {
            switch StatusMatcher.parse(try v.string()) {
            case .success(let m): s.matcher = m
            case .failure(let e): throw v.error("matcher \(e.description)")
            }
        }
        if let v = node["insecure"] { s.insecure = try v.bool() }
        if node["interval"] != nil || node["timeout"] != nil, s.timeout >= s.interval {
            throw (node["timeout"] ?? node["interval"]!).error(
                "the timeout (\(Self.seconds(s.timeout))) must be shorter than the interval (\(Self.seconds(s.interval)))")
        }
        return s
    }

    static func seconds(_ t: TimeInterval) -> String {
        t == t.rounded() ? "\(Int(t))s" : "\(Int((t * 1000).rounded()))ms"
    }
}
