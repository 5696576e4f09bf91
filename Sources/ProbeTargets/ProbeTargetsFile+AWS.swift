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
/// All three are read by the AWSFormats decoders: errors name the file and the JSON path, and another
/// command's output is refused.
public enum AWSTargetImport {
    /// The health-check settings of the first target group in `describe-target-groups` output (read by
    /// AWSFormats' decoder, which refuses another command's output), and its traffic port when the
    /// check uses `traffic-port` (nil otherwise). Values outside the ranges the ELB API accepts are
    /// errors naming the JSON path.
    public static func settings(targetGroupFile path: String) throws -> (settings: ProbeSettings, trafficPort: Int?) {
        let groups = try CloudWatchFiles.decodeTargetGroups(BoundedFile.read(path).bytes, file: path)
        guard let tg = groups.first else {
            throw InputError(file: path, path: "TargetGroups", message: "no target group in the list")
        }
        return try settings(tg, file: path)
    }

    static func settings(_ tg: TargetGroupRecord, file: String) throws(InputError) -> (settings: ProbeSettings, trafficPort: Int?) {
        func error(_ key: String, _ message: String) -> InputError {
            InputError(file: file, path: "\(tg.path).\(key)", message: message)
        }
        func checked(_ value: Int?, _ key: String, _ range: ClosedRange<Int>) throws(InputError) -> Int? {
            guard let value else { return nil }
            guard range.contains(value) else {
                throw error(key, "expected \(range.lowerBound)…\(range.upperBound), got \(value)")
            }
            return value
        }
        var s = ProbeSettings.alb
        if let v = tg.healthCheckPath { s.path = v }
        if let text = tg.healthCheckProtocol {
            guard let p = ProbeProtocol(rawValue: text.uppercased()) else {
                throw error("HealthCheckProtocol", "fleetwatch checks HTTP and HTTPS target groups, not \"\(text)\"")
            }
            s.protocol = p
        }
        if let v = try checked(tg.healthCheckIntervalSeconds, "HealthCheckIntervalSeconds", 1...300) { s.interval = TimeInterval(v) }
        if let v = try checked(tg.healthCheckTimeoutSeconds, "HealthCheckTimeoutSeconds", 1...120) { s.timeout = TimeInterval(v) }
        if let v = try checked(tg.healthyThresholdCount, "HealthyThresholdCount", 1...10) { s.healthyThreshold = v }
        if let v = try checked(tg.unhealthyThresholdCount, "UnhealthyThresholdCount", 1...10) { s.unhealthyThreshold = v }
        if let code = tg.matcherHttpCode {
            switch StatusMatcher.parse(code) {
            case .success(let m): s.matcher = m
            case .failure(let e): throw error("Matcher.HttpCode", "matcher \(e.description)")
            }
        }
        let trafficPort = try checked(tg.port, "Port", 1...65535)
        var usesTrafficPort = true
        if let text = tg.healthCheckPort, text != "traffic-port" {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw error("HealthCheckPort", "expected traffic-port or a port 1…65535, got \"\(text)\"")
            }
            s.port = port
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
