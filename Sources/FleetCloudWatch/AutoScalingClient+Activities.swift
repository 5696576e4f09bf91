import AWSFormats
import FleetCore
import FleetXML
import Foundation

extension AutoScalingClient {
    /// One group's scaling activity, with the group it belongs to (the `Activity` element's
    /// `AutoScalingGroupName`).
    public struct GroupActivity: Sendable, Hashable {
        public var group: String
        public var record: ScalingActivityRecord
    }

    /// Activities per DescribeScalingActivities call: `MaxRecords` is at most 100.
    public static let maxActivitiesPerCall = 100

    /// DescribeScalingActivities for the whole account and Region (no `AutoScalingGroupName`; deleted
    /// groups left out, the API's default for `IncludeDeletedGroups`), 100 a page, `NextToken` pages
    /// followed only while they can still hold activities started at or after `since`: the API lists
    /// activities in progress first, then by start time, newest first
    /// (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeScalingActivities.html).
    /// `complete` is false when `maxPages` ran out first.
    public func describeScalingActivities(since: Date, maxPages: Int,
                                          credentials: AWSCredentials) async throws -> (activities: [GroupActivity], complete: Bool) {
        var activities: [GroupActivity] = []
        var token: String?
        var pages = 0
        while true {
            let root = try await client.query(
                action: "DescribeScalingActivities", version: Self.version,
                parameters: [("MaxRecords", String(Self.maxActivitiesPerCall))] + (token.map { [("NextToken", $0)] } ?? []),
                credentials: credentials)
            let page = Self.activitiesPage(root)
            activities += page.activities
            pages += 1
            token = page.nextToken
            guard token != nil, Self.pageReachesBack(page.activities, to: since) == false else { return (activities, true) }
            if pages >= maxPages { return (activities, false) }
        }
    }

    /// True when a page (in the API's order) already holds an activity that started before `since`:
    /// the pages after it hold only older ones. In-progress activities come first whatever their start.
    static func pageReachesBack(_ page: [GroupActivity], to since: Date) -> Bool {
        page.contains { $0.record.endTime != nil && $0.record.startTime < since }
    }

    /// The activities and `NextToken` of one DescribeScalingActivities answer.
    static func activitiesPage(_ root: XMLTree) -> (activities: [GroupActivity], nextToken: String?) {
        let activities = root.members("DescribeScalingActivitiesResult/Activities").compactMap { a -> GroupActivity? in
            guard let group = a.string("AutoScalingGroupName"), let record = activityRecord(a) else { return nil }
            return GroupActivity(group: group, record: record)
        }
        return (activities, root.string("DescribeScalingActivitiesResult/NextToken"))
    }

    /// One `Activity` element as the record the CLI-output decoder gives (``ScalingActivityRecord``).
    static func activityRecord(_ a: XMLTree) -> ScalingActivityRecord? {
        guard let id = a.string("ActivityId"), let cause = a.string("Cause"),
              let start = a.string("StartTime").flatMap(ISOTime.parse), let status = a.string("StatusCode") else { return nil }
        return ScalingActivityRecord(activityId: id, description: a.string("Description"), cause: cause, startTime: start,
                                     endTime: a.string("EndTime").flatMap(ISOTime.parse), statusCode: status,
                                     statusMessage: a.string("StatusMessage"),
                                     progress: a.string("Progress").flatMap { Int($0) }, details: a.string("Details"))
    }
}
