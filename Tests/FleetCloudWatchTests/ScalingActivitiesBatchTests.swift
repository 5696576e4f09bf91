import AWSFormats
import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// One DescribeScalingActivities for every group of a region and account, against answers shaped
/// after the API reference (Tests/Fixtures/activities; moto answers an empty list, see its README).
@Suite("Scaling activities shared per region and account")
struct ScalingActivitiesBatchTests {
    /// Answers DescribeScalingActivities from the fixtures and records each call's form.
    final class ScriptedActivities: @unchecked Sendable {
        let lock = NSLock()
        var calls: [[String: String]] = []

        func answer(_ r: AWSHTTPRequest) throws -> AWSHTTPResponse {
            let form = queryForm(r.body)
            lock.withLock { calls.append(form) }
            let file: String
            switch (form["AutoScalingGroupName"], form["NextToken"]) {
            case ("erato-backend-asg", _): file = "describe-scaling-activities-backend.xml"
            case (nil, nil): file = "describe-scaling-activities-1.xml"
            case (nil, "page-2-token"): file = "describe-scaling-activities-2.xml"
            default:
                return AWSHTTPResponse(status: 400, body: Array("<ErrorResponse><Error><Code>InvalidNextToken</Code></Error></ErrorResponse>".utf8))
            }
            return AWSHTTPResponse(status: 200, body: Array(try Data(contentsOf: FixtureFiles.url("activities/\(file)"))))
        }

        var pages: [String?] { lock.withLock { calls.map { $0["NextToken"] } } }
    }

    static func client(_ aws: ScriptedActivities) -> AutoScalingClient {
        AutoScalingClient(client: AWSClient(service: .autoScaling, region: "us-east-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:9"),
                                            transport: FakeTransport { try aws.answer($0) }))
    }

    static let credentials = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s")

    static func at(_ time: String) -> Date { ISOTime.parse("2026-11-30T\(time):00Z")! }

    @Test func oneCallPagedBackToTheOldestWindowEachFleetGettingItsOwnGroup() async throws {
        let aws = ScriptedActivities()
        let asks = [ActivitiesAsk(group: "erato-backend-asg", since: Self.at("10:00")),
                    ActivitiesAsk(group: "erato-api-asg", since: Self.at("10:00")),
                    ActivitiesAsk(group: "erato-backend-asg", since: Self.at("11:00"))]
        let answers = try await ScalingActivitiesBatch.send(asks, client: Self.client(aws), credentials: Self.credentials)
        // Page 1 does not reach back to 10:00; page 2 does (an activity of 09:50), so page 3 is never asked.
        #expect(aws.pages == [nil, "page-2-token"])
        for call in aws.calls {
            #expect(call["Action"] == "DescribeScalingActivities")
            #expect(call["AutoScalingGroupName"] == nil)
            #expect(call["MaxRecords"] == "100")
            #expect(call["IncludeDeletedGroups"] == nil)
        }
        func ids(_ records: [ScalingActivityRecord]) -> [String] { records.map { String($0.activityId.prefix(2) + $0.activityId.suffix(1)) } }
        // Each fleet: its own group's activities since its own start; other-asg's go to nobody.
        #expect(ids(answers[0]) == ["b12", "b15"])
        // The activity in progress since 09:00 is kept (the API lists it first, whatever its start).
        #expect(ids(answers[1]) == ["a11", "a14"])
        #expect(answers[1].first?.endTime == nil)
        #expect(ids(answers[2]) == ["b12"])
    }

    @Test func aShortWindowReadsOnePage() async throws {
        let aws = ScriptedActivities()
        let answers = try await ScalingActivitiesBatch.send([ActivitiesAsk(group: "erato-api-asg", since: Self.at("11:00")),
                                                             ActivitiesAsk(group: "erato-backend-asg", since: Self.at("11:00"))],
                                                            client: Self.client(aws), credentials: Self.credentials)
        #expect(aws.pages == [nil])
        #expect(answers.map(\.count) == [2, 1])
    }

    @Test func pagesNeverOutnumberTheGroupsThenTheRestIsAskedPerGroup() async throws {
        let aws = ScriptedActivities()
        // Two groups: two pages at most. They reach back to 09:10 (page 3 is not read): api's window
        // (from 11:00) is covered; backend's (from 09:00) is not, so backend is asked by name.
        let answers = try await ScalingActivitiesBatch.send([ActivitiesAsk(group: "erato-backend-asg", since: Self.at("09:00")),
                                                             ActivitiesAsk(group: "erato-api-asg", since: Self.at("11:00"))],
                                                            client: Self.client(aws), credentials: Self.credentials)
        #expect(aws.pages == [nil, "page-2-token", nil])
        #expect(aws.calls.map { $0["AutoScalingGroupName"] } == [nil, nil, "erato-backend-asg"])
        #expect(answers[0].map(\.activityId) == ["b1000000-0000-0000-0000-000000000002", "b1000000-0000-0000-0000-000000000005",
                                                  "b1000000-0000-0000-0000-000000000007"])
        #expect(answers[0].last?.statusCode == "Failed")
        #expect(answers[1].map(\.activityId.last) == ["1", "4"])
    }

    @Test func aRoundAboutOneGroupAsksForItByName() async throws {
        let aws = ScriptedActivities()
        let answers = try await ScalingActivitiesBatch.send([ActivitiesAsk(group: "erato-backend-asg", since: Self.at("10:00"))],
                                                            client: Self.client(aws), credentials: Self.credentials)
        #expect(aws.calls.count == 1)
        #expect(aws.calls[0]["AutoScalingGroupName"] == "erato-backend-asg")
        #expect(aws.calls[0]["MaxRecords"] == "100")
        // Its window applies as in a shared round: the 09:50 activity is before it.
        #expect(answers[0].map(\.activityId.last) == ["2", "5"])
    }

    @Test func thePagingRule() {
        func activity(_ start: String, ended: Bool) -> AutoScalingClient.GroupActivity {
            .init(group: "g", record: ScalingActivityRecord(activityId: start, description: nil, cause: "c", startTime: Self.at(start),
                                                            endTime: ended ? Self.at(start) : nil, statusCode: ended ? "Successful" : "InProgress",
                                                            statusMessage: nil, progress: nil, details: nil))
        }
        #expect(!AutoScalingClient.pageReachesBack([activity("11:00", ended: true)], to: Self.at("10:00")))
        #expect(AutoScalingClient.pageReachesBack([activity("11:00", ended: true), activity("09:59", ended: true)], to: Self.at("10:00")))
        // An old activity still in progress says nothing about what follows.
        #expect(!AutoScalingClient.pageReachesBack([activity("08:00", ended: false)], to: Self.at("10:00")))
        #expect(!AutoScalingClient.pageReachesBack([], to: Self.at("10:00")))
    }
}
