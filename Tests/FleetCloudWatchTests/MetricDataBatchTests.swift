import Foundation
import Testing
@testable import FleetCloudWatch

/// How the asks of one round become GetMetricData requests and how the answers go back.
@Suite("Shared GetMetricData rounds")
struct MetricDataBatchTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_600_000)

    static func query(_ id: String, group: String, stat: String = "Average") -> CWMetricDataQuery {
        CWMetricDataQuery(Id: id, MetricStat: CWMetricStat(
            Metric: CWMetric(Namespace: "AWS/EC2", MetricName: "CPUUtilization",
                             Dimensions: [CWDimension(Name: "AutoScalingGroupName", Value: group)]),
            Period: 60, Stat: stat), ReturnData: true)
    }

    static func ask(_ group: String, count: Int, from: Double, to: Double) -> MetricDataAsk {
        MetricDataAsk(queries: (0..<count).map { query("q\($0)", group: "\(group)-\($0)") },
                      start: t0.addingTimeInterval(from), end: t0.addingTimeInterval(to))
    }

    @Test func oneRequestUpTo500QueriesWithUniqueIdsAndTheUnionOfTheWindows() {
        let asks = [Self.ask("a", count: 200, from: -600, to: 60), Self.ask("b", count: 250, from: -10800, to: 120)]
        let batch = MetricDataBatch(asks)
        #expect(batch.requests.count == 1)
        let request = batch.requests[0]
        #expect(request.queries.count == 450)
        #expect(Set(request.queries.map(\.Id)).count == 450)
        #expect(request.queries.allSatisfy { $0.Id.first == "q" })
        #expect(request.start == Self.t0.addingTimeInterval(-10800))
        #expect(request.end == Self.t0.addingTimeInterval(120))
        // Both members' own ids (q0…) map to different ids of the request.
        #expect(batch.routes[0]["q0"] != batch.routes[1]["q0"])
    }

    @Test func moreThan500QueriesMakeMoreRequestsOnlyBeyondTheLimit() {
        let asks = (0..<3).map { Self.ask("g\($0)", count: 200, from: -600, to: 60) }
        let batch = MetricDataBatch(asks)
        #expect(batch.requests.map(\.queries.count) == [500, 100])
        for r in batch.requests { #expect(Set(r.queries.map(\.Id)).count == r.queries.count) }
    }

    @Test func theSameSeriesAskedByTwoMembersIsSentOnce() {
        let shared = Self.query("mine", group: "erato-backend-asg")
        let a = MetricDataAsk(queries: [shared, Self.query("other", group: "x")], start: Self.t0, end: Self.t0.addingTimeInterval(60))
        var bq = shared
        bq.Id = "theirs"
        let b = MetricDataAsk(queries: [bq], start: Self.t0, end: Self.t0.addingTimeInterval(60))
        let batch = MetricDataBatch([a, b])
        #expect(batch.requests[0].queries.count == 2)
        #expect(batch.routes[0]["mine"] == batch.routes[1]["theirs"])
    }

    @Test func eachMemberGetsItsOwnIdsOnlyInsideItsOwnWindow() {
        let a = MetricDataAsk(queries: [Self.query("cpu", group: "a")], start: Self.t0.addingTimeInterval(-120), end: Self.t0.addingTimeInterval(60))
        let b = MetricDataAsk(queries: [Self.query("cpu", group: "b")], start: Self.t0.addingTimeInterval(-600), end: Self.t0.addingTimeInterval(60))
        let batch = MetricDataBatch([a, b])
        let times = stride(from: -600.0, through: 0, by: 60).map { AWSTimestamp(Self.t0.addingTimeInterval($0)) }
        let page = CloudWatchClient.MetricData(
            results: [
                "q0": CWMetricDataResult(Id: "q0", Timestamps: times, Values: times.indices.map(Double.init), StatusCode: "Complete"),
                "q1": CWMetricDataResult(Id: "q1", Timestamps: times, Values: times.indices.map { Double($0) + 100 }, StatusCode: "PartialData"),
            ],
            partial: ["q1"], messages: ["overall note"], calls: 2, queryMessages: ["q1": ["MaxDatapoints reached"]])
        let split = batch.split([page], asks: [a, b])
        #expect(split[0].results["cpu"]?.Values == [8, 9, 10])  // -120, -60, 0
        #expect(split[1].results["cpu"]?.Values?.count == 11)
        #expect(split[1].results["cpu"]?.Id == "cpu")
        #expect(split[0].partial.isEmpty)
        #expect(split[1].partial == ["cpu"])
        #expect(split[1].messages == ["overall note", "cpu: MaxDatapoints reached"])
        #expect(split.allSatisfy { $0.calls == 2 })
    }
}
