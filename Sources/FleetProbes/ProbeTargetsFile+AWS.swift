import FleetCore
import FleetSources
import Foundation

/// Targets and settings from what the AWS CLI prints, so an on-call engineer can check exactly
/// what the target group checks:
///
///     aws elbv2 describe-target-groups --names erato-backend-tg > tg.json
///     aws elbv2 describe-target-health --target-group-arn "$TG_ARN" > th.json
///     aws ec2 describe-instances --instance-ids ... > di.json
///
/// - `describe-target-groups` (`TargetGroups[0]`): HealthCheckPath, HealthCheckPort (a number or
///   `traffic-port`), HealthCheckProtocol, HealthCheckIntervalSeconds, HealthCheckTimeoutSeconds,
///   HealthyThresholdCount, UnhealthyThresholdCount, Matcher.HttpCode.
/// - `describe-target-health`: the targets (`Target.Id`, `Target.Port`, and for IP targets
///   `Target.AvailabilityZone`).
/// - `describe-instances`: each instance's private IP and zone, for instance targets; without a
///   target-health file, every running instance is a target.
///
/// The files are JSON, read as YAML (JSON is YAML), so errors name file, line and key.
public enum AWSTargetImport {
    /// The health-check settings of the first target group in `describe-target-groups` output,
    /// and its traffic port when the check uses `traffic-port` (nil otherwise).
    public static func settings(targetGroupFile path: String) throws -> (settings: ProbeSettings, trafficPort: Int?) {
        try settings(ProbeTargetsFile.root(path: path))
    }

    static func settings(_ root: ConfigNode) throws -> (settings: ProbeSettings, trafficPort: Int?) {
        let groups = try root.require("TargetGroups").items()
        guard let tg = groups.first else { throw root["TargetGroups"]!.error("no target group in the list") }
        var s = ProbeSettings.alb
        if let v = tg["HealthCheckPath"] { s.path = try v.string() }
        if let v = tg["HealthCheckProtocol"] {
            let text = try v.string()
            guard let p = ProbeProtocol(rawValue: text.uppercased()) else {
                throw v.error("fleetwatch checks HTTP and HTTPS target groups, not \(v.describe())")
            }
            s.protocol = p
        }
        if let v = tg["HealthCheckIntervalSeconds"] { s.interval = TimeInterval(try v.int(in: 1...300)) }
        if let v = tg["HealthCheckTimeoutSeconds"] { s.timeout = TimeInterval(try v.int(in: 1...120)) }
        if let v = tg["HealthyThresholdCount"] { s.healthyThreshold = try v.int(in: 1...10) }
        if let v = tg["UnhealthyThresholdCount"] { s.unhealthyThreshold = try v.int(in: 1...10) }
        if let v = tg["Matcher"]?["HttpCode"] {
            switch StatusMatcher.parse(try v.string()) {
            case .success(let m): s.matcher = m
            case .failure(let e): throw v.error("matcher \(e.description)")
            }
        }
        let trafficPort = try tg["Port"]?.int(in: 1...65535)
        var usesTrafficPort = true
        if let v = tg["HealthCheckPort"], try v.string() != "traffic-port" {
            s.port = try v.int(in: 1...65535)
            usesTrafficPort = false
        } else if let trafficPort {
            s.port = trafficPort
        }
        return (s, usesTrafficPort ? trafficPort ?? s.port : nil)
    }

    /// Where each instance is: private IP and zone, from `describe-instances` output.
    struct Placement { var ip: String; var zone: String; var running: Bool; var node: ConfigNode }

    static func placements(_ root: ConfigNode) throws -> [(id: String, Placement)] {
        var out: [(String, Placement)] = []
        for reservation in try root.require("Reservations").items() {
            for instance in try reservation.require("Instances").items() {
                let id = try instance.require("InstanceId").string()
                let zone = try instance.require("Placement").require("AvailabilityZone").string()
                let state = try instance["State"]?["Name"]?.string() ?? "running"
                // A terminated instance has no private address any more.
                let ip = try instance["PrivateIpAddress"]?.string() ?? ""
                out.append((id, Placement(ip: ip, zone: zone, running: state == "running", node: instance)))
            }
        }
        return out
    }

    /// The targets: from `target_health` (with `instances` for instance targets), or every running
    /// instance in `instances`, each checked with `settings` (its port replaced by the target's
    /// own when the group checks the traffic port).
    public static func targets(targetHealthFile: String?, instancesFile: String?, settings: ProbeSettings,
                               usesTrafficPort: Bool) throws -> [ProbeTarget] {
        let placementsList = try instancesFile.map { try placements(ProbeTargetsFile.root(path: $0)) } ?? []
        let byID = Dictionary(placementsList.map { ($0.id, $0.1) }, uniquingKeysWith: { a, _ in a })
        var targets: [ProbeTarget] = []
        if let targetHealthFile {
            let root = try ProbeTargetsFile.root(path: targetHealthFile)
            for item in try root.require("TargetHealthDescriptions").items() {
                let target = try item.require("Target")
                let idNode = try target.require("Id")
                let id = try idNode.string()
                var s = settings
                if usesTrafficPort, let port = try target["Port"]?.int(in: 1...65535) { s.port = port }
                let host: String, zone: String
                if id.hasPrefix("i-") {
                    guard let instancesFile else {
                        throw idNode.error("an instance target; name a describe-instances file (`instances:`) for its address")
                    }
                    guard let p = byID[id], !p.ip.isEmpty else {
                        throw idNode.error("instance \(id) has no private address in \(instancesFile)")
                    }
                    host = p.ip
                    zone = p.zone
                } else {
                    host = id
                    zone = try target["AvailabilityZone"]?.string() ?? "unknown"
                }
                targets.append(ProbeTarget(id: id, zone: zone, host: host, settings: s))
            }
            if targets.isEmpty { throw root["TargetHealthDescriptions"]!.error("no targets in the list") }
        } else {
            for (id, p) in placementsList where p.running && !p.ip.isEmpty {
                targets.append(ProbeTarget(id: id, zone: p.zone, host: p.ip, settings: settings))
            }
            if targets.isEmpty, let instancesFile {
                throw InputError(file: instancesFile, line: nil, path: "Reservations", message: "no running instance with a private address")
            }
        }
        return targets
    }
}
