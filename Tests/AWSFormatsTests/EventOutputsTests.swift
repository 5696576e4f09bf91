import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AWSFormats

/// The event outputs (issue 14): describe-scaling-activities, describe-alarm-history,
/// describe-instance-refreshes; and the errors-and-latency metrics in get-metric-data.
@Suite("AWS outputs: scaling activities, alarm history, instance refreshes")
struct EventOutputsTests {
    static let newDecoders: [(name: String, shape: AWSOutputShape, decode: @Sendable ([UInt8], String) throws -> Void)] = [
        ("describe-scaling-activities", .describeScalingActivities, { _ = try CloudWatchFiles.decodeScalingActivities($0, file: $1) }),
        ("describe-alarm-history", .describeAlarmHistory, { _ = try CloudWatchFiles.decodeAlarmHistory($0, file: $1) }),
        ("describe-instance-refreshes", .describeInstanceRefreshes, { _ = try CloudWatchFiles.decodeInstanceRefreshes($0, file: $1) }),
    ]
    static let newFixtures = ["cloudwatch/describe-scaling-activities.json", "cloudwatch/describe-scaling-activities.moto.json",
                              "cloudwatch/describe-alarm-history.json", "cloudwatch/describe-instance-refreshes.json"]

    static func own(_ decoder: String, _ fixture: String) -> Bool {
        String(fixture.split(separator: "/").last!).hasPrefix(decoder + ".")
    }

    @Test(arguments: WrongKindTests.fixtures + newFixtures)
    func eachNewDecoderTakesOnlyItsOwn(path: String) throws {
        let bytes = Array(try Data(contentsOf: FixtureFiles.url(path)))
        for decoder in Self.newDecoders {
            let line = cwErrorLine { try decoder.decode(bytes, "x.json") }
            if Self.own(decoder.name, path) {
                #expect(line == nil, "\(decoder.name) on its own output")
            } else {
                #expect(line == "x.json: not the output of `\(decoder.shape.command)` (no \(decoder.shape.key))",
                        "\(decoder.name) on \(path)")
            }
        }
    }

    @Test(arguments: newFixtures)
    func theOldDecodersRefuseTheNewOutputs(path: String) throws {
        let bytes = Array(try Data(contentsOf: FixtureFiles.url(path)))
        for decoder in WrongKindTests.decoders {
            #expect(cwErrorLine { try decoder.decode(bytes, "x.json") }
                    == "x.json: not the output of `\(decoder.shape.command)` (no \(decoder.shape.key))")
        }
    }

    @Test func scalingActivities() throws {
        let records = try CloudWatchFiles.decodeScalingActivities(CWFixture.bytes("describe-scaling-activities.json"), file: "a.json")
        #expect(records.count == 3)
        let first = try #require(records.first)
        #expect(first.statusCode == "InProgress" && first.progress == 30)
        #expect(first.instanceID == "i-0fe3d7ebe86c4ce1a" && first.zone == "us-east-1c")
        let events = first.events
        #expect(events.map(\.kind) == [.launch, .scaling])
        #expect(events[0].text == "Launching a new EC2 instance: i-0fe3d7ebe86c4ce1a (InProgress, 30%)")
        #expect(events[0].id == "activity-5e3a1f3b-4b1c-2a8e-9d2c-1a4b7e0c9f21")
        #expect(events[1].text == "At 2025-06-01T13:23:00Z a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-fc0e4183-23ac-497e-9992-691c9980c38e in state ALARM triggered policy erato-target-cpu changing the desired capacity from 6 to 8.")
        #expect(events[1].time == ISOTime.parse("2025-06-01T13:23:00Z"))
        // Two launches of one scale-out: one capacity event in the log.
        var log = EventLog()
        log.insert(contentsOf: records.flatMap(\.events))
        #expect(log.events.filter { $0.kind == .scaling }.count == 2)
        #expect(log.events.filter { $0.kind == .terminate }.map(\.text) == ["Terminating EC2 instance: i-000de79e1d9c92a78 (Successful)"])
        #expect(try CloudWatchFiles.decodeScalingActivities(CWFixture.bytes("describe-scaling-activities.moto.json"), file: "m.json").isEmpty)
    }

    @Test func alarmHistory() throws {
        let items = try CloudWatchFiles.decodeAlarmHistory(CWFixture.bytes("describe-alarm-history.json"), file: "h.json")
        #expect(items.count == 3)
        let events = items.compactMap(\.event)
        #expect(events.count == 2)
        #expect(events[0].text.hasPrefix("erato-health-check-failures: Alarm updated from OK to ALARM: Threshold Crossed: 2 out of the last 2 datapoints"))
        #expect(events[1].text == "erato-health-check-failures: Alarm updated from INSUFFICIENT_DATA to OK: Threshold Crossed: 1 datapoint [0.0 (01/06/25 12:00:00)] was not greater than the threshold (1.0).")
    }

    @Test func instanceRefreshes() throws {
        let refreshes = try CloudWatchFiles.decodeInstanceRefreshes(CWFixture.bytes("describe-instance-refreshes.json"), file: "r.json")
        #expect(refreshes.count == 2)
        let e = refreshes[0].event(fallbackTime: .distantPast)
        #expect(e.text == "Instance refresh InProgress: 33% complete, 4 instances to update (Waiting for instances to warm up before continuing. For example: i-0e69cc3f05f825f4f is warming up.)")
        #expect(e.time == ISOTime.parse("2025-06-01T13:15:00Z") && e.kind == .refresh)
        #expect(refreshes[1].event(fallbackTime: .distantPast).text == "Instance refresh Successful: 100% complete, 0 instances to update")
    }

    @Test func missingFieldsAreNamedByPath() {
        #expect(cwErrorLine { try CloudWatchFiles.decodeScalingActivities(Array(#"{"Activities":[{"ActivityId":"x","StartTime":"2025-06-01T00:00:00Z","StatusCode":"Successful"}]}"#.utf8), file: "a.json") }
                == "a.json: Activities[0]: no Cause")
        #expect(cwErrorLine { try CloudWatchFiles.decodeInstanceRefreshes(Array(#"{"InstanceRefreshes":[{"Status":"InProgress"}]}"#.utf8), file: "r.json") }
                == "r.json: InstanceRefreshes[0]: no InstanceRefreshId")
        #expect(cwErrorLine { try CloudWatchFiles.decodeAlarmHistory(Array(#"{"AlarmHistoryItems":[{"AlarmName":5}]}"#.utf8), file: "h.json") } != nil)
    }

    @Test("get-metric-data with the 5XX queries: per-AZ ErrorMetric series")
    func errorMetrics() throws {
        let queries = try CloudWatchFiles.decodeMetricDataQueries(CWFixture.bytes("get-metric-data.errors.queries.json"), file: "q.json")
        let data = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.errors.json"), file: "d.json", queries: queries)
        var state = FleetState(time: CWFixture.minute(10), fleet: .erato)
        state.apply(data.fleetUpdate())
        #expect(state.errorSeries(.target5xx, zone: "us-east-1a")?.latest?.value == 40)
        #expect(state.errorSeries(.elb5xx, zone: "us-east-1b")?.points.map(\.value).max() == 300)
        #expect(state.errorSeries(.target5xx)?.points.count == 10)
    }
}
