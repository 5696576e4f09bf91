import FleetCore
import Foundation

/// One target of `aws elbv2 describe-target-health`.
public struct TargetHealthRecord: Sendable, Hashable {
    public var id: String
    public var port: Int?
    /// Only for IP targets (and `all` for targets outside the VPC); nil for instance targets.
    public var zone: String?
    public var health: TargetHealth
    /// ELB reason code, e.g. `Target.Timeout`, `Target.InvalidState`.
    public var reason: String?
    public var description: String?

    public init(id: String, port: Int? = nil, zone: String? = nil, health: TargetHealth, reason: String? = nil,
                description: String? = nil) {
        self.id = id
        self.port = port
        self.zone = zone
        self.health = health
        self.reason = reason
        self.description = description
    }
}

/// A group of `describe-auto-scaling-groups`: its name, limits, warm-up and cooldown (nil when not printed).
public struct AutoScalingGroupRecord: Sendable, Hashable {
    public var name: String?
    public var minSize: Int?
    public var maxSize: Int?
    public var desiredCapacity: Int?
    public var defaultInstanceWarmup: Int?
    public var defaultCooldown: Int?

    public init(name: String? = nil, minSize: Int? = nil, maxSize: Int? = nil, desiredCapacity: Int? = nil,
                defaultInstanceWarmup: Int? = nil, defaultCooldown: Int? = nil) {
        self.name = name
        self.minSize = minSize
        self.maxSize = maxSize
        self.desiredCapacity = desiredCapacity
        self.defaultInstanceWarmup = defaultInstanceWarmup
        self.defaultCooldown = defaultCooldown
    }
}

/// One instance of `describe-auto-scaling-groups` or `describe-instances`, its state mapped to fleetwatch's.
public struct InstanceRecord: Sendable, Hashable {
    public var id: String
    public var zone: String
    public var lifecycle: LifecycleState
    /// The state as the file spells it, e.g. `Pending:Wait`, `shutting-down`.
    public var rawState: String
    /// Auto Scaling's `HealthStatus` (`Healthy`, `Unhealthy`), when the file has it.
    public var healthStatus: String?
    /// `PrivateIpAddress` of `describe-instances` (gone once an instance is terminated).
    public var privateIP: String?

    public init(id: String, zone: String, lifecycle: LifecycleState, rawState: String, healthStatus: String? = nil,
                privateIP: String? = nil) {
        self.id = id
        self.zone = zone
        self.lifecycle = lifecycle
        self.rawState = rawState
        self.healthStatus = healthStatus
        self.privateIP = privateIP
    }
}

extension CloudWatchFiles {
    /// Auto Scaling `LifecycleState` → fleetwatch's:
    /// - `Pending`, `Pending:Wait`, `Pending:Proceed`, `Quarantined`, `Warmed:Pending*` → pending
    /// - `InService` → inService
    /// - `Terminating`, `Terminating:Wait`, `Terminating:Proceed`, `Detaching`, `Warmed:Terminating*` → terminating
    /// - `Terminated`, `Detached`, `Warmed:Terminated` → terminated
    /// - `EnteringStandby`, `Standby`, `Warmed:Stopped`, `Warmed:Running`, `Warmed:Hibernated` → standby
    ///   (in the group but not serving)
    /// Anything else: nil (the caller warns and shows it as pending).
    public static func lifecycle(autoScaling state: String) -> LifecycleState? {
        switch state {
        case "InService": return .inService
        case "Terminated", "Detached", "Warmed:Terminated": return .terminated
        case "EnteringStandby", "Standby", "Warmed:Stopped", "Warmed:Running", "Warmed:Hibernated": return .standby
        case "Quarantined": return .pending
        case "Detaching": return .terminating
        default:
            if state.hasPrefix("Pending") || state.hasPrefix("Warmed:Pending") { return .pending }
            if state.hasPrefix("Terminating") || state.hasPrefix("Warmed:Terminating") { return .terminating }
            return nil
        }
    }

    /// EC2 `State.Name` → fleetwatch's: `pending` → pending, `running` → inService, `shutting-down` and
    /// `stopping` → terminating, `terminated` → terminated, `stopped` → standby (exists, not serving).
    public static func lifecycle(ec2 state: String) -> LifecycleState? {
        switch state {
        case "pending": .pending
        case "running": .inService
        case "shutting-down", "stopping": .terminating
        case "terminated": .terminated
        case "stopped": .standby
        default: nil
        }
    }

    /// Decodes `aws elbv2 describe-target-health` output.
    public static func decodeTargetHealth(_ bytes: [UInt8], file: String,
                                          warnings: inout [String]) throws(InputError) -> [TargetHealthRecord] {
        var out: [TargetHealthRecord] = []
        var notes: [String] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.beginOutput(.describeTargetHealth)
            var seen = false
            while let k = try r.nextKey() {
                guard k == "TargetHealthDescriptions" else { try r.skipValue(); continue }
                seen = true
                try r.beginArray()
                while try r.nextElement() {
                    let at = r.pathString
                    var id: String?, port: Int?, zone: String?, state: String?, reason: String?, description: String?
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        switch f {
                        case "Target":
                            try r.beginObject()
                            while let g = try r.nextKey() {
                                switch g {
                                case "Id": id = try r.readString()
                                case "Port": port = try r.skipNull() ? nil : r.readInt(in: 0...65535)
                                case "AvailabilityZone": zone = try r.readOptionalString()
                                default: try r.skipValue()
                                }
                            }
                        case "TargetHealth":
                            try r.beginObject()
                            while let g = try r.nextKey() {
                                switch g {
                                case "State": state = try r.readOptionalString()
                                case "Reason": reason = try r.readOptionalString()
                                case "Description": description = try r.readOptionalString()
                                default: try r.skipValue()
                                }
                            }
                        default: try r.skipValue()
                        }
                    }
                    guard let id else { throw InputError(file: file, path: at + ".Target.Id", message: "missing") }
                    guard let state else {
                        throw InputError(file: file, path: at + ".TargetHealth.State", message: "missing")
                    }
                    var health = TargetHealth(rawValue: state)
                    if health == nil {
                        notes.append("\(file): \(at).TargetHealth.State: unknown state \"\(state)\" of \(id); shown as unavailable")
                        health = .unavailable
                    }
                    out.append(TargetHealthRecord(id: id, port: port, zone: zone, health: health ?? .unavailable,
                                                  reason: reason, description: description))
                }
            }
            guard seen else { throw AWSOutputShape.describeTargetHealth.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        warnings += notes
        return out
    }

    /// Decodes `aws autoscaling describe-auto-scaling-groups` output: the instances of every group.
    public static func decodeAutoScalingGroups(_ bytes: [UInt8], file: String,
                                               warnings: inout [String]) throws(InputError) -> [InstanceRecord] {
        var groups: [AutoScalingGroupRecord] = []
        return try decodeAutoScalingGroups(bytes, file: file, warnings: &warnings, groups: &groups)
    }

    /// As ``decodeAutoScalingGroups(_:file:warnings:)``, also giving each group's limits and warm-up.
    public static func decodeAutoScalingGroups(_ bytes: [UInt8], file: String, warnings: inout [String],
                                               groups: inout [AutoScalingGroupRecord]) throws(InputError) -> [InstanceRecord] {
        var out: [InstanceRecord] = []
        var notes: [String] = []
        var group = AutoScalingGroupRecord()
        var found: [AutoScalingGroupRecord] = []
        let field = { (key: String, r: inout JSONReader) throws(InputError) -> Bool in
            switch key {
            case "AutoScalingGroupName": group.name = try r.readOptionalString()
            case "MinSize": group.minSize = try r.skipNull() ? nil : r.readInt()
            case "MaxSize": group.maxSize = try r.skipNull() ? nil : r.readInt()
            case "DesiredCapacity": group.desiredCapacity = try r.skipNull() ? nil : r.readInt()
            case "DefaultInstanceWarmup": group.defaultInstanceWarmup = try r.skipNull() ? nil : r.readInt()
            case "DefaultCooldown": group.defaultCooldown = try r.skipNull() ? nil : r.readInt()
            default: return false
            }
            return true
        }
        let end = { (_: String) throws(InputError) in
            found.append(group)
            group = AutoScalingGroupRecord()
        }
        defer { groups += found }
        try forEachInstance(bytes, file: file, shape: .describeAutoScalingGroups, groupField: field,
                            groupEnd: end) { (r: inout JSONReader) throws(InputError) in
            let at = r.pathString
            var id: String?, zone: String?, state: String?, healthStatus: String?
            try r.beginObject()
            while let g = try r.nextKey() {
                switch g {
                case "InstanceId": id = try r.readString()
                case "HealthStatus": healthStatus = try r.readOptionalString()
                case "AvailabilityZone": zone = try r.readString()
                case "LifecycleState": state = try r.readString()
                default: try r.skipValue()
                }
            }
            guard let id, let zone, let state else {
                throw InputError(file: file, path: at,
                                      message: "instance without InstanceId, AvailabilityZone and LifecycleState")
            }
            var lifecycle = lifecycle(autoScaling: state)
            if lifecycle == nil {
                notes.append("\(file): \(at).LifecycleState: unknown state \"\(state)\" of \(id); shown as Pending")
                lifecycle = .pending
            }
            out.append(InstanceRecord(id: id, zone: zone, lifecycle: lifecycle ?? .pending, rawState: state,
                                      healthStatus: healthStatus))
        }
        warnings += notes
        return out
    }

    /// Decodes `aws ec2 describe-instances` output (`Reservations[].Instances[]`).
    public static func decodeEC2Instances(_ bytes: [UInt8], file: String,
                                          warnings: inout [String]) throws(InputError) -> [InstanceRecord] {
        var out: [InstanceRecord] = []
        var notes: [String] = []
        try forEachInstance(bytes, file: file, shape: .describeInstances) { (r: inout JSONReader) throws(InputError) in
            let at = r.pathString
            var id: String?, zone: String?, state: String?, privateIP: String?
            try r.beginObject()
            while let g = try r.nextKey() {
                switch g {
                case "InstanceId": id = try r.readString()
                case "PrivateIpAddress": privateIP = try r.readOptionalString()
                case "Placement":
                    try r.beginObject()
                    while let h = try r.nextKey() {
                        if h == "AvailabilityZone" { zone = try r.readString() } else { try r.skipValue() }
                    }
                case "State":
                    try r.beginObject()
                    while let h = try r.nextKey() {
                        if h == "Name" { state = try r.readString() } else { try r.skipValue() }
                    }
                default: try r.skipValue()
                }
            }
            guard let id, let zone, let state else {
                throw InputError(file: file, path: at,
                                      message: "instance without InstanceId, Placement.AvailabilityZone and State.Name")
            }
            var lifecycle = lifecycle(ec2: state)
            if lifecycle == nil {
                notes.append("\(file): \(at).State.Name: unknown state \"\(state)\" of \(id); shown as Pending")
                lifecycle = .pending
            }
            out.append(InstanceRecord(id: id, zone: zone, lifecycle: lifecycle ?? .pending, rawState: state,
                                      privateIP: privateIP))
        }
        warnings += notes
        return out
    }

    /// Calls `body` with the reader at each element of `<outer>[].Instances[]` (the shape of both
    /// `describe-auto-scaling-groups` and `describe-instances`), skipping everything else.
    static func forEachInstance(_ bytes: [UInt8], file: String, shape: AWSOutputShape,
                                groupField: ((String, inout JSONReader) throws(InputError) -> Bool)? = nil,
                                groupEnd: ((String) throws(InputError) -> Void)? = nil,
                                _ body: (inout JSONReader) throws(InputError) -> Void) throws(InputError) {
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.beginOutput(shape)
            var seen = false
            while let k = try r.nextKey() {
                guard k == shape.key else { try r.skipValue(); continue }
                seen = true
                try r.beginArray()
                while try r.nextElement() {
                    let at = r.pathString
                    try r.beginObject()
                    while let f = try r.nextKey() {
                        guard f == "Instances" else {
                            if try groupField?(f, &r) != true { try r.skipValue() }
                            continue
                        }
                        try r.beginArray()
                        while try r.nextElement() { try body(&r) }
                    }
                    try groupEnd?(at)
                }
            }
            guard seen else { throw shape.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
    }

    /// Joins instances with their target health. An instance that is not a target of the group is
    /// `unused` with reason `Target.NotRegistered` (as ELB reports a deregistered target); a target not in
    /// the instance list is kept, in its `AvailabilityZone` when the target says, else zone `unknown`,
    /// as InService. Either list may be nil (that file not configured); without target health, an
    /// instance is `unhealthy` (reason `ASG.Unhealthy`) when its group says `Unhealthy`, else `healthy`
    /// while InService and `unused` otherwise.
    public static func instances(_ records: [InstanceRecord]?, targets: [TargetHealthRecord]?) -> [Instance] {
        var byId: [String: TargetHealthRecord] = [:]
        for t in targets ?? [] where byId[t.id] == nil { byId[t.id] = t }
        var out: [Instance] = []
        var seen = Set<String>()
        for rec in records ?? [] where seen.insert(rec.id).inserted {
            if let t = byId[rec.id] {
                out.append(Instance(id: rec.id, zone: rec.zone, lifecycle: rec.lifecycle, health: t.health, reason: t.reason))
            } else if targets == nil {
                if rec.healthStatus == "Unhealthy" {
                    out.append(Instance(id: rec.id, zone: rec.zone, lifecycle: rec.lifecycle, health: .unhealthy,
                                        reason: "ASG.Unhealthy"))
                } else {
                    out.append(Instance(id: rec.id, zone: rec.zone, lifecycle: rec.lifecycle,
                                        health: rec.lifecycle == .inService ? .healthy : .unused))
                }
            } else {
                out.append(Instance(id: rec.id, zone: rec.zone, lifecycle: rec.lifecycle, health: .unused,
                                    reason: "Target.NotRegistered"))
            }
        }
        for t in targets ?? [] where seen.insert(t.id).inserted {
            out.append(Instance(id: t.id, zone: t.zone ?? "unknown", lifecycle: .inService, health: t.health, reason: t.reason))
        }
        return out
    }
}
