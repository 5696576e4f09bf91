import AWSFormats
import Foundation

/// One fleet's ask in a shared DescribeScalingActivities round: its group's activities since `since`.
public struct ActivitiesAsk: Sendable, Hashable {
    public var group: String
    public var since: Date

    public init(group: String, since: Date) {
        self.group = group
        self.since = since
    }
}

/// How a round of ``ActivitiesAsk``s is answered with as few calls as the API allows:
/// DescribeScalingActivities without `AutoScalingGroupName` lists the whole account and Region's
/// activities, newest first (``AutoScalingClient/describeScalingActivities(since:maxPages:credentials:)``),
/// so one paged call serves every fleet of a region and account, each fleet keeping its own
/// group's activities since its own `since` (and those still in progress).
///
/// The pages are capped at the number of groups asked about, so the shared call never costs more
/// than one call per group would. When the cap is reached first (an account busy with groups
/// nobody here watches), the asks whose window the pages did not reach back to are asked per group,
/// as before (one page of that group's newest).
public enum ScalingActivitiesBatch {
    /// Answers `asks` through `client`: one answer per ask, in order.
    public static func send(_ asks: [ActivitiesAsk], client: AutoScalingClient,
                            credentials: AWSCredentials) async throws -> [[ScalingActivityRecord]] {
        guard let since = asks.map(\.since).min() else { return [] }
        let groups = Set(asks.map(\.group))
        let shared = try await client.describeScalingActivities(since: since, maxPages: groups.count, credentials: credentials)
        var answers = split(shared.activities, asks: asks)
        let reached = shared.complete ? nil : oldestFinished(shared.activities)
        var perGroup: [String: [ScalingActivityRecord]] = [:]
        for (i, ask) in asks.enumerated() where !shared.complete && reached.map({ ask.since <= $0 }) ?? true {
            if perGroup[ask.group] == nil {
                perGroup[ask.group] = try await client.describeScalingActivities(group: ask.group, credentials: credentials)
            }
            answers[i] = perGroup[ask.group] ?? []
        }
        return answers
    }

    /// Each ask's own group's activities from one shared listing: those started at or after its
    /// `since`, and those still in progress (the API lists them first, whatever their start).
    public static func split(_ activities: [AutoScalingClient.GroupActivity], asks: [ActivitiesAsk]) -> [[ScalingActivityRecord]] {
        let byGroup = Dictionary(grouping: activities, by: \.group)
        return asks.map { ask in
            (byGroup[ask.group] ?? []).map(\.record).filter { $0.startTime >= ask.since || $0.endTime == nil }
        }
    }

    /// The start of the oldest finished activity listed: the pages are complete back to it.
    static func oldestFinished(_ activities: [AutoScalingClient.GroupActivity]) -> Date? {
        activities.filter { $0.record.endTime != nil }.map(\.record.startTime).min()
    }
}
