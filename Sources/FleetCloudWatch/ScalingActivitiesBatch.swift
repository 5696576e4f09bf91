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
/// nobody here watches), the asks whose window the pages did not reach back to are asked per group
/// (one page of that group's newest, 100). A round about one group asks for it by name: one call,
/// as the shared one would be at best.
public enum ScalingActivitiesBatch {
    /// Answers `asks` through `client`: one answer per ask, in order.
    public static func send(_ asks: [ActivitiesAsk], client: AutoScalingClient,
                            credentials: AWSCredentials) async throws -> [[ScalingActivityRecord]] {
        guard let since = asks.map(\.since).min() else { return [] }
        let groups = Set(asks.map(\.group))
        var answers: [[ScalingActivityRecord]] = Array(repeating: [], count: asks.count)
        var perGroup = asks.indices.map { _ in true }
        if groups.count > 1 {
            let shared = try await client.describeScalingActivities(since: since, maxPages: groups.count, credentials: credentials)
            answers = split(shared.activities, asks: asks)
            let reached = shared.complete ? nil : oldestFinished(shared.activities)
            perGroup = asks.map { ask in !shared.complete && (reached.map { ask.since <= $0 } ?? true) }
        }
        var byGroup: [String: [AutoScalingClient.GroupActivity]] = [:]
        for (i, ask) in asks.enumerated() where perGroup[i] {
            if byGroup[ask.group] == nil {
                byGroup[ask.group] = try await client.describeScalingActivities(
                    group: ask.group, maxRecords: AutoScalingClient.maxActivitiesPerCall, credentials: credentials
                ).map { AutoScalingClient.GroupActivity(group: ask.group, record: $0) }
            }
            answers[i] = split(byGroup[ask.group] ?? [], asks: [ask])[0]
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
