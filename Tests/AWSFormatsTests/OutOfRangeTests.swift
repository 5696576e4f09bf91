import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AWSFormats

/// Numbers and times out of range are refused where they enter, naming where (issue 17): a
/// timestamp of 1e300 would make a series vanish, a Period of 0 divide by zero.
@Suite struct OutOfRangeTests {
    @Test("timestamps outside 1970…2999 are errors with their JSON path", arguments: [
        #"{"MetricDataResults":[{"Id":"cpu","Label":"x","Timestamps":[1e300],"Values":[1.0],"StatusCode":"Complete"}]}"#,
        #"{"MetricDataResults":[{"Id":"cpu","Label":"x","Timestamps":[-5],"Values":[1.0],"StatusCode":"Complete"}]}"#,
        #"{"MetricDataResults":[{"Id":"cpu","Label":"x","Timestamps":["3000-01-01T00:00:00Z"],"Values":[1.0],"StatusCode":"Complete"}]}"#,
    ])
    func timestamps(json: String) {
        let line = cwErrorLine { try CloudWatchFiles.decodeMetricData(Array(json.utf8), file: "d.json") }
        #expect(line?.hasPrefix("d.json: MetricDataResults[0].Timestamps[0]: timestamp ") == true, "\(line ?? "nil")")
        #expect(line?.hasSuffix(" is outside 1970-01-01 … 2999-12-31") == true)
    }

    @Test func hugeValuesAreKept() throws {
        let json = #"{"MetricDataResults":[{"Id":"cpu","Label":"x","Timestamps":[1748779200],"Values":[1e19],"StatusCode":"Complete"}]}"#
        let data = try CloudWatchFiles.decodeMetricData(Array(json.utf8), file: "d.json")
        #expect(data.batches.first?.points.first?.value == 1e19)
    }

    @Test("whole numbers outside AWS's bounds", arguments: [
        (#"{"MetricAlarms":[{"AlarmName":"a","Period":0}]}"#, "d.json: MetricAlarms[0].Period: expected a number from 1 to 31536000, found 0"),
        (#"{"MetricAlarms":[{"AlarmName":"a","EvaluationPeriods":-3}]}"#,
         "d.json: MetricAlarms[0].EvaluationPeriods: expected a number from 1 to 100000, found -3"),
    ])
    func wholeNumbers(json: String, expected: String) {
        #expect(cwErrorLine { try CloudWatchFiles.decodeDescribeAlarms(Array(json.utf8), file: "d.json") } == expected)
    }

    @Test("a truncated describe-alarms file says the byte where it ends")
    func truncated() throws {
        let bytes = Array(try CWFixture.bytes("describe-alarms.json").prefix(300))
        let line = cwErrorLine { try CloudWatchFiles.decodeDescribeAlarms(bytes, file: "d.json") }
        #expect(line?.contains("byte 300") == true, "\(line ?? "nil")")
    }

    @Test func checkJSON() {
        #expect(cwErrorLine { try CloudWatchFiles.checkJSON(Array(#"{"a":[1,2,{"b":null}]}"#.utf8), file: "x") } == nil)
        #expect(cwErrorLine { try CloudWatchFiles.checkJSON(Array(#"{"a":1} x"#.utf8), file: "x") } == "x: byte 8: more after the JSON value")
    }
}
