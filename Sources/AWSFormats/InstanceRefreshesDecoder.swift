import FleetCore
import Foundation

/// One refresh of `aws autoscaling describe-instance-refreshes` (the API's `InstanceRefresh`;
/// Amazon EC2 Auto Scaling API reference): its status (`Pending`, `InProgress`, `Successful`,
/// `Failed`, `Cancelling`, `Cancelled`, `RollbackInProgress`, `RollbackFailed`,
/// `RollbackSuccessful`, `Baking`), `PercentageComplete` and `InstancesToUpdate`.
public struct InstanceRefreshRecord: Sendable, Hashable {
    public var id: String
    public var status: String
    public var statusReason: String?
    public var startTime: Date?
    public var endTime: Date?
    public var percentageComplete: Int?
    public var instancesToUpdate: Int?

    public init(id: String, status: String) {
        self.id = id
        self.status = status
    }

    /// The refresh as one event, `Instance refresh InProgress: 40% complete, 3 instances to update`,
    /// updated in place (by the refresh's id) as its progress changes.
    public func event(fallbackTime: Date) -> FleetEvent {
        var text = "Instance refresh \(status)"
        var parts: [String] = []
        if let percentageComplete { parts.append("\(percentageComplete)% complete") }
        if let instancesToUpdate { parts.append("\(instancesToUpdate) instances to update") }
        if !parts.isEmpty { text += ": " + parts.joined(separator: ", ") }
        if let statusReason, !statusReason.isEmpty { text += " (\(statusReason))" }
        return FleetEvent(time: startTime ?? fallbackTime, kind: .refresh, text: text, id: "refresh-\(id)")
    }
}

extension CloudWatchFiles {
    /// Decodes `aws autoscaling describe-instance-refreshes` output; another command's output is refused.
    public static func decodeInstanceRefreshes(_ bytes: [UInt8], file: String) throws(InputError) -> [InstanceRefreshRecord] {
        var out: [InstanceRefreshRecord] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.readOutputArray(.describeInstanceRefreshes) { (r: inout JSONReader) throws(InputError) in
                let path = r.pathString
                var id: String?, status: String?
                var refresh = InstanceRefreshRecord(id: "", status: "")
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "InstanceRefreshId": id = try r.readString()
                    case "Status": status = try r.readString()
                    case "StatusReason": refresh.statusReason = try r.readOptionalString()
                    case "StartTime": refresh.startTime = try r.skipNull() ? nil : r.readTimestamp()
                    case "EndTime": refresh.endTime = try r.skipNull() ? nil : r.readTimestamp()
                    case "PercentageComplete": refresh.percentageComplete = try r.skipNull() ? nil : r.readInt()
                    case "InstancesToUpdate": refresh.instancesToUpdate = try r.skipNull() ? nil : r.readInt()
                    default: try r.skipValue()
                    }
                }
                guard let id, let status else {
                    throw InputError(file: file, path: path, message: id == nil ? "no InstanceRefreshId" : "no Status")
                }
                refresh.id = id
                refresh.status = status
                out.append(refresh)
            }
        }
        return out
    }
}
