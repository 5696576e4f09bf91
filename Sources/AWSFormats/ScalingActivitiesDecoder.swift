import FleetCore
import Foundation

/// One activity of `aws autoscaling describe-scaling-activities` (the API's `Activity`: "a
/// long-running process that represents a change to your Auto Scaling group, such as changing its
/// size or replacing an instance"; Amazon EC2 Auto Scaling API reference, `Activity`).
public struct ScalingActivityRecord: Sendable, Hashable {
    public var activityId: String
    /// E.g. `Launching a new EC2 instance: i-0d44425630326060f`.
    public var description: String?
    /// E.g. `At 2020-10-30T19:35:51Z a monitor alarm … changing the desired capacity from 6 to 8.  At …`.
    public var cause: String
    public var startTime: Date
    public var endTime: Date?
    /// `InProgress`, `Successful`, `Failed`, `Cancelled`, …
    public var statusCode: String
    public var statusMessage: String?
    /// 0…100.
    public var progress: Int?
    /// The JSON text of `Details`, e.g. `{"Subnet ID":"subnet-…","Availability Zone":"us-west-2b"}`; its
    /// ``zone`` is read once, when it is set.
    public var details: String? {
        didSet { zone = Self.zone(inDetails: details) }
    }
    /// `Availability Zone` from `Details`.
    public private(set) var zone: String?

    public init(activityId: String, description: String? = nil, cause: String, startTime: Date, endTime: Date? = nil,
                statusCode: String, statusMessage: String? = nil, progress: Int? = nil, details: String? = nil) {
        self.activityId = activityId
        self.description = description
        self.cause = cause
        self.startTime = startTime
        self.endTime = endTime
        self.statusCode = statusCode
        self.statusMessage = statusMessage
        self.progress = progress
        self.details = details
        self.zone = Self.zone(inDetails: details)
    }
}

extension ScalingActivityRecord {
    /// The events the activity stands for: the launch or termination it describes (one line:
    /// the description, status and progress as AWS words them, updated in place by the activity's
    /// id) and the capacity change its cause begins with (`At … changing the desired capacity from
    /// 6 to 8.`), timed at the cause's own timestamp.
    public var events: [FleetEvent] {
        let text = description ?? "Scaling activity"
        let kind: FleetEvent.Kind = text.hasPrefix("Launching") ? .launch : text.hasPrefix("Terminating") ? .terminate : .scaling
        var status = statusCode
        if let progress, progress < 100, statusCode != "Successful" { status += ", \(progress)%" }
        if let statusMessage, !statusMessage.isEmpty { status += ": \(statusMessage)" }
        var out = [FleetEvent(time: startTime, kind: kind, zone: zone, instance: instanceID,
                              text: "\(text) (\(status))", id: "activity-\(activityId)")]
        if let change = capacityChange {
            out.append(FleetEvent(time: change.time ?? startTime, kind: .scaling, text: change.text))
        }
        return out
    }

    /// The instance id the description names (`…: i-0d44425630326060f`).
    public var instanceID: String? {
        guard let d = description, let r = d.range(of: "i-", options: .backwards) else { return nil }
        let id = d[r.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        return id.count > 2 ? String(id) : nil
    }

    /// `Availability Zone` from the JSON text of `Details` (by the one JSON reader); nil when it is not JSON.
    static func zone(inDetails details: String?) -> String? {
        guard let details else { return nil }
        var zone: String?
        try? withJSONReader(Array(details.utf8), file: "Details") { (r: inout JSONReader) throws(InputError) in
            try r.beginObject()
            while let key = try r.nextKey() {
                if key == "Availability Zone" { zone = try r.readOptionalString() } else { try r.skipValue() }
            }
        }
        return zone
    }

    /// The cause's first sentence when it changes the desired capacity, and its `At <time>`.
    var capacityChange: (time: Date?, text: String)? {
        guard cause.contains("changing the desired capacity") else { return nil }
        let first = cause.components(separatedBy: ".  ").first ?? cause
        let sentence = first.hasSuffix(".") ? first : first + "."
        var time: Date?
        if sentence.hasPrefix("At "), let stamp = sentence.dropFirst(3).split(separator: " ").first {
            time = ISOTime.parse(String(stamp))
        }
        return (time, sentence)
    }
}

extension CloudWatchFiles {
    /// Decodes `aws autoscaling describe-scaling-activities` output; another command's output is refused.
    public static func decodeScalingActivities(_ bytes: [UInt8], file: String) throws(InputError) -> [ScalingActivityRecord] {
        var out: [ScalingActivityRecord] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.readOutputArray(.describeScalingActivities) { (r: inout JSONReader) throws(InputError) in
                let path = r.pathString
                var id: String?, cause: String?, start: Date?, status: String?
                var a = ScalingActivityRecord(activityId: "", cause: "", startTime: .distantPast, statusCode: "")
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "ActivityId": id = try r.readString()
                    case "Description": a.description = try r.readOptionalString()
                    case "Cause": cause = try r.readString()
                    case "StartTime": start = try r.readTimestamp()
                    case "EndTime": a.endTime = try r.skipNull() ? nil : r.readTimestamp()
                    case "StatusCode": status = try r.readString()
                    case "StatusMessage": a.statusMessage = try r.readOptionalString()
                    case "Progress": a.progress = try r.skipNull() ? nil : r.readInt()
                    case "Details": a.details = try r.readOptionalString()
                    default: try r.skipValue()
                    }
                }
                guard let id, let cause, let start, let status else {
                    let missing = [("ActivityId", id == nil), ("Cause", cause == nil), ("StartTime", start == nil),
                                   ("StatusCode", status == nil)].first { $0.1 }!.0
                    throw InputError(file: file, path: path, message: "no \(missing)")
                }
                a.activityId = id
                a.cause = cause
                a.startTime = start
                a.statusCode = status
                out.append(a)
            }
        }
        return out
    }
}
