import AWSFormats
import FleetCore
import Foundation

extension CloudWatchFilesReader {
    /// The events of the scaling-activity, alarm-history and instance-refresh files that changed.
    /// Each file's events come whole each time it changes; the fleet state's ``EventLog`` drops
    /// the repeats and updates activities and refreshes in place by their ids.
    mutating func readEventFiles() throws(InputError) -> CloudWatchFileData {
        var out = CloudWatchFileData()
        if let path = paths.scalingActivities {
            if let d = try decodeIfChanged(path, force: false, { (b) throws(InputError) in
                var data = CloudWatchFileData()
                data.events = try CloudWatchFiles.decodeScalingActivities(b, file: path).flatMap(\.events)
                return data
            }) { out.merge(d) }
        }
        if let path = paths.alarmHistory {
            if let d = try decodeIfChanged(path, force: false, { (b) throws(InputError) in
                var data = CloudWatchFileData()
                data.events = try CloudWatchFiles.decodeAlarmHistory(b, file: path).compactMap(\.event)
                return data
            }) { out.merge(d) }
        }
        if let path = paths.instanceRefreshes {
            let stamp = FileStamp.of(path: path)
            if let d = try decodeIfChanged(path, force: false, { (b) throws(InputError) in
                var data = CloudWatchFileData()
                let fallback = stamp.map { Date(timeIntervalSince1970: Double($0.modified) / 1e9) } ?? Date(timeIntervalSince1970: 0)
                data.events = try CloudWatchFiles.decodeInstanceRefreshes(b, file: path).map { $0.event(fallbackTime: fallback) }
                return data
            }) { out.merge(d) }
        }
        return out
    }
}
