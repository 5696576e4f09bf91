import FleetSources
import Foundation
import Yams

/// A targets file: health-check `defaults:` and the `targets:` to check.
///
///     defaults:
///       path: /health          # these six are the ALB's defaults
///       port: 80
///       protocol: HTTP
///       interval: 30s
///       timeout: 5s
///       healthy_threshold: 3
///       unhealthy_threshold: 3
///       matcher: "200"         # or "200-299", "200,204"
///       insecure: false        # true: accept any TLS certificate
///     targets:
///       - {id: i-0a1b2c3d4e5f60001, zone: us-east-1a, host: 10.0.1.15}
///       - {id: i-0a1b2c3d4e5f60002, zone: us-east-1b, host: 10.0.2.27, port: 8080, timeout: 2s}
///       - {id: canary, zone: us-east-1c, url: "https://10.0.3.9:8443/healthz", insecure: true}
///
/// A target with `host` takes protocol, port and path from the defaults (or its own keys); one
/// with `url` takes them from the url. Any target may override any other setting. Errors name
/// the file, line and key.
public enum ProbeTargetsFile {
    /// Largest file read (a fleet's targets are well under this).
    public static let maxFileSize = 16 << 20

    /// The targets in the file at `path`; `base` gives the settings the file's defaults go over.
    public static func load(path: String, base: ProbeSettings = .alb) throws -> [ProbeTarget] {
        try parse(root(path: path), base: base)
    }

    /// The targets in `text` (for tests and inline use).
    public static func parse(_ text: String, file: String, base: ProbeSettings = .alb) throws -> [ProbeTarget] {
        try parse(ConfigNode.document(yaml: text, file: file, baseDirectory: URL(fileURLWithPath: "/")), base: base)
    }

    static func parse(_ root: ConfigNode, base: ProbeSettings) throws -> [ProbeTarget] {
        try root.rejectUnknownKeys(allowed: ["defaults", "targets"])
        var defaults = base
        if let d = root["defaults"] {
            try d.rejectUnknownKeys(allowed: ProbeSettings.keys)
            defaults = try base.applying(d)
        }
        let list = try root.require("targets")
        var targets: [ProbeTarget] = []
        var seen: Set<String> = []
        for item in try list.items() {
            let target = try self.target(item, defaults: defaults)
            guard seen.insert(target.id).inserted else {
                throw item["id"]!.error("two targets have the id '\(target.id)'")
            }
            targets.append(target)
        }
        if targets.isEmpty { throw list.error("at least one target is needed") }
        return targets
    }

    static func target(_ node: ConfigNode, defaults: ProbeSettings) throws -> ProbeTarget {
        try node.rejectUnknownKeys(allowed: ProbeSettings.keys.union(["id", "zone", "host", "url"]))
        let id = try nonEmpty(node.require("id"))
        let zone = try nonEmpty(node.require("zone"))
        switch (node["host"], node["url"]) {
        case (let host?, nil):
            let settings = try defaults.applying(node)
            let name = try nonEmpty(host)
            guard !name.contains(where: { $0.isWhitespace || $0 == "/" }) else {
                throw host.error("expected a host name or address, got \(host.describe())")
            }
            return ProbeTarget(id: id, zone: zone, host: name, settings: settings)
        case (nil, let url?):
            var settings = try defaults.applying(node, except: ["path", "port", "protocol"])
            let text = try nonEmpty(url)
            guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
                  let proto = ProbeProtocol(rawValue: scheme.uppercased()),
                  let host = parts.host, !host.isEmpty
            else { throw url.error("expected an http:// or https:// url with a host, got \(url.describe())") }
            settings.protocol = proto
            settings.port = parts.port ?? (proto == .https ? 443 : 80)
            settings.path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
            return ProbeTarget(id: id, zone: zone, url: text, settings: settings)
        case (nil, nil):
            throw node.error("a target needs a `host` or a `url`")
        case (_?, _?):
            throw node["url"]!.error("give a `host` or a `url`, not both")
        }
    }

    static func nonEmpty(_ node: ConfigNode) throws -> String {
        let s = try node.string().trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { throw node.error("must not be empty") }
        return s
    }

    /// The file's top node, with file-level problems (missing, too big, not YAML) as InputErrors.
    static func root(path: String) throws -> ConfigNode {
        try ConfigNode.document(path: path, maxSize: maxFileSize)
    }
}
