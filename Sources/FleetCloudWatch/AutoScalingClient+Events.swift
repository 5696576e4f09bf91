import AWSFormats
import FleetCore
import Foundation

extension AutoScalingClient {
    /// `DescribeScalingActivities` for one group, newest first (one page of at most `maxRecords`),
    /// as the same records the CLI-output decoder gives (``ScalingActivityRecord``). Amazon EC2 Auto
    /// Scaling API reference, "DescribeScalingActivities" and `Activity`.
    public func describeScalingActivities(group: String, maxRecords: Int = 50,
                                          credentials: AWSCredentials) async throws -> [ScalingActivityRecord] {
        let root = try await client.query(action: "DescribeScalingActivities", version: Self.version,
                                          parameters: [("AutoScalingGroupName", group), ("MaxRecords", String(maxRecords))],
                                          credentials: credentials)
        return root.members("DescribeScalingActivitiesResult/Activities").compactMap(Self.activityRecord)
    }

    /// `DescribeInstanceRefreshes` for one group (one page of at most `maxRecords`), as
    /// ``InstanceRefreshRecord``s. One call per group: the API requires `AutoScalingGroupName` (one
    /// name; "Required: Yes"), so it cannot be shared between fleets
    /// (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeInstanceRefreshes.html).
    public func describeInstanceRefreshes(group: String, maxRecords: Int = 10,
                                          credentials: AWSCredentials) async throws -> [InstanceRefreshRecord] {
        let root = try await client.query(action: "DescribeInstanceRefreshes", version: Self.version,
                                          parameters: [("AutoScalingGroupName", group), ("MaxRecords", String(maxRecords))],
                                          credentials: credentials)
        return root.members("DescribeInstanceRefreshesResult/InstanceRefreshes").compactMap { r in
            guard let id = r.string("InstanceRefreshId"), let status = r.string("Status") else { return nil }
            var refresh = InstanceRefreshRecord(id: id, status: status)
            refresh.statusReason = r.string("StatusReason")
            refresh.startTime = r.string("StartTime").flatMap(ISOTime.parse)
            refresh.endTime = r.string("EndTime").flatMap(ISOTime.parse)
            refresh.percentageComplete = r.string("PercentageComplete").flatMap { Int($0) }
            refresh.instancesToUpdate = r.string("InstancesToUpdate").flatMap { Int($0) }
            return refresh
        }
    }
}
