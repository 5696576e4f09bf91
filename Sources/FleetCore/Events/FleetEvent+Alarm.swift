import Foundation

extension FleetEvent {
    /// An alarm's change of state, worded as `describe-alarm-history` summarises a `StateUpdate`
    /// ("Alarm updated from OK to ALARM"), led by the alarm's name and followed by the reason.
    public static func alarmChange(name: String, from old: AlarmState, to new: AlarmState, time: Date,
                                   reason: String?) -> FleetEvent {
        let why = reason.map { ": \($0)" } ?? ""
        return FleetEvent(time: time, kind: .alarm, text: "\(name): Alarm updated from \(old.rawValue) to \(new.rawValue)\(why)")
    }
}
