import FleetCore
import Foundation

/// One item of `aws cloudwatch describe-alarm-history` (the API's `AlarmHistoryItem`; Amazon
/// CloudWatch API reference): for a `StateUpdate`, `HistorySummary` reads "Alarm updated from OK
/// to ALARM" and `HistoryData` is a JSON text with the old and new state and their reasons.
public struct AlarmHistoryRecord: Sendable, Hashable {
    public var alarmName: String
    public var timestamp: Date
    /// `StateUpdate`, `ConfigurationUpdate`, `Action`, …
    public var itemType: String
    public var summary: String
    /// The new state's `stateReason`, from `HistoryData`, for state updates.
    public var newStateReason: String?
    public var oldState: AlarmState?
    public var newState: AlarmState?

    public init(alarmName: String, timestamp: Date, itemType: String, summary: String) {
        self.alarmName = alarmName
        self.timestamp = timestamp
        self.itemType = itemType
        self.summary = summary
    }

    /// A state update as an alarm event (``FleetEvent/alarmChange(name:from:to:time:reason:)``, the
    /// simulator's wording); other items (configuration changes, actions) are not state changes: nil.
    public var event: FleetEvent? {
        guard itemType == "StateUpdate" else { return nil }
        if let oldState, let newState {
            return .alarmChange(name: alarmName, from: oldState, to: newState, time: timestamp, reason: newStateReason)
        }
        return FleetEvent(time: timestamp, kind: .alarm, text: "\(alarmName): \(summary)")
    }
}

extension CloudWatchFiles {
    /// Decodes `aws cloudwatch describe-alarm-history` output; another command's output is refused.
    /// A `HistoryData` that is not the JSON CloudWatch writes leaves the states and reason unknown
    /// (the summary still tells the change).
    public static func decodeAlarmHistory(_ bytes: [UInt8], file: String) throws(InputError) -> [AlarmHistoryRecord] {
        var out: [AlarmHistoryRecord] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.readOutputArray(.describeAlarmHistory) { (r: inout JSONReader) throws(InputError) in
                let path = r.pathString
                var name: String?, time: Date?, type: String?, summary: String?, data: String?
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "AlarmName": name = try r.readString()
                    case "Timestamp": time = try r.readTimestamp()
                    case "HistoryItemType": type = try r.readString()
                    case "HistorySummary": summary = try r.readString()
                    case "HistoryData": data = try r.readOptionalString()
                    default: try r.skipValue()
                    }
                }
                guard let name, let time, let type, let summary else {
                    let missing = [("AlarmName", name == nil), ("Timestamp", time == nil), ("HistoryItemType", type == nil),
                                   ("HistorySummary", summary == nil)].first { $0.1 }!.0
                    throw InputError(file: file, path: path, message: "no \(missing)")
                }
                var item = AlarmHistoryRecord(alarmName: name, timestamp: time, itemType: type, summary: summary)
                if type == "StateUpdate", let data, let states = Self.historyStates(data) {
                    item.oldState = states.old
                    item.newState = states.new
                    item.newStateReason = states.reason
                }
                out.append(item)
            }
        }
        return out
    }

    /// `oldState.stateValue`, `newState.stateValue` and `newState.stateReason` of a `HistoryData` text.
    static func historyStates(_ text: String) -> (old: AlarmState, new: AlarmState, reason: String?)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let old = object["oldState"] as? [String: Any], let new = object["newState"] as? [String: Any],
              let oldValue = (old["stateValue"] as? String).flatMap(AlarmState.init(rawValue:)),
              let newValue = (new["stateValue"] as? String).flatMap(AlarmState.init(rawValue:)) else { return nil }
        return (oldValue, newValue, new["stateReason"] as? String)
    }
}
