import AWSFormats
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
/// `describe-target-health` and `describe-instances` are read by the AWSFormats decoders (errors name
/// the file and the JSON path; another command's output is refused). `describe-target-groups` is still
/// read as YAML (JSON is YAML), so its errors name file, line and key.
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

    /// The instances of `describe-instances` output, read by AWSFormats' decoder (private IP, zone, state).
    static func instances(file: String) throws -> [InstanceRecord] {
        var warnings: [String] = []
        return try CloudWatchFiles.decodeEC2Instances(BoundedFile.read(file).bytes, file: file, warnings: &warnings)
    }

    /// The targets: from `target_health` (with `instances` for instance targets), or every running
    /// instance in `instances`, each checked with `settings` (its port replaced by the target's
    /// own when the group checks the traffic port). Both files are read by the AWSFormats decoders,
    /// which refuse another command's output.
    public static func targets(targetHealthFile: String?, instancesFile: String?, settings: ProbeSettings,
                               usesTrafficPort: Bool) throws -> [ProbeTarget] {
        let instanceList = try instancesFile.map { try instances(file: $0) } ?? []
        let byID = Dictionary(instanceList.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var targets: [ProbeTarget] = []
        if let targetHealthFile {
            var warnings: [String] = []
            let records = try CloudWatchFiles.decodeTargetHealth(BoundedFile.read(targetHealthFile).bytes,
                                                                 file: targetHealthFile, warnings: &warnings)
            for (i, record) in records.enumerated() {
                func error(_ key: String, _ message: String) -> InputError {
                    InputError(file: targetHealthFile, path: "TargetHealthDescriptions[\(i)].Target.\(key)", message: message)
                }
                var s = settings
                if usesTrafficPort, let port = record.port {
                    guard (1...65535).contains(port) else { throw error("Port", "expected a port 1…65535, got \(port)") }
                    s.port = port
                }
                let host: String, zone: String
                if record.id.hasPrefix("i-") {
                    guard let instancesFile else {
                        throw error("Id", "an instance target; name a describe-instances file (`instances:`) for its address")
                    }
                    guard let instance = byID[record.id], let ip = instance.privateIP, !ip.isEmpty else {
                        throw error("Id", "instance \(record.id) has no private address in \(instancesFile)")
                    }
                    host = ip
                    zone = instance.zone
                } else {
                    host = record.id
                    zone = record.zone ?? "unknown"
                }
                targets.append(ProbeTarget(id: record.id, zone: zone, host: host, settings: s))
            }
            if targets.isEmpty {
                throw InputError(file: targetHealthFile, path: "TargetHealthDescriptions", message: "no targets in the list")
            }
        } else {
            for instance in instanceList where instance.rawState == "running" {
                guard let ip = instance.privateIP, !ip.isEmpty else { continue }
                targets.append(ProbeTarget(id: instance.id, zone: instance.zone, host: ip, settings: settings))
            }
            if targets.isEmpty, let instancesFile {
                throw InputError(file: instancesFile, line: nil, path: "Reservations", message: "no running instance with a private address")
            }
        }
        return targets
    }
}
