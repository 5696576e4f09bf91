import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AWSFormats

/// Bad input: every case is one line naming the file and a JSON path or byte offset, and never a crash.
@Suite("CloudWatchFiles bad input")
struct CloudWatchFilesBadInputTests {
    let file = "data/get-metric-data.json"

    func metricDataError(_ text: String) -> String? {
        cwErrorLine { try cwMetricData(text, file: file) }
    }

    @Test("missing file")
    func missingFile() {
        #expect(cwErrorLine { try BoundedFile.read("/nonexistent/fleetwatch/x.json") }
                == "/nonexistent/fleetwatch/x.json: no such file")
    }

    @Test("a directory is not a file")
    func directory() throws {
        let dir = try CWFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(cwErrorLine { try BoundedFile.read(dir.path) } == "\(dir.path): is a directory")
    }

    @Test("a FIFO is refused without blocking")
    func fifo() throws {
        let dir = try CWFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pipe.json").path
        #expect(mkfifo(path, 0o600) == 0)
        #expect(cwErrorLine { try BoundedFile.read(path) } == "\(path): is a FIFO (named pipe), not a regular file")
    }

    @Test("unreadable file (skipped when running as root, who reads anything)")
    func unreadable() throws {
        let dir = try CWFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("secret.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0)
        if getuid() == 0 { return }
        #expect(cwErrorLine { try BoundedFile.read(path) } == "\(path): permission denied")
    }

    @Test("empty file, and a file of only whitespace")
    func emptyFile() throws {
        let dir = try CWFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(cwErrorLine { try BoundedFile.read(path) } == "\(path): empty file")
        #expect(metricDataError(" \n\t ") == "\(file): byte 4: no JSON document (only whitespace)")
    }

    @Test("a 1 GiB file is refused from its size, before reading")
    func hugeFile() throws {
        let dir = try CWFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 1 << 30) // sparse: no disk used
        try handle.close()
        // Refused from its size (fstat) before a byte is read: the message says so.
        #expect(cwErrorLine { try BoundedFile.read(path) }
                == "\(path): 1024 MiB is larger than the 256 MiB limit for CloudWatch output files; not read")
        #expect(cwErrorLine { try BoundedFile.read(CWFixture.path("get-metric-data.json"), maxSize: 1000) }?
            .hasSuffix("get-metric-data.json: 7893 bytes is larger than the 1000 bytes limit for CloudWatch output files; not read") == true)
    }

    @Test("truncated JSON, at every tenth byte of a real capture")
    func truncated() throws {
        let bytes = try CWFixture.bytes("get-metric-data.iso8601.json")
        for cut in stride(from: 1, to: bytes.count - 2, by: 10) {
            let line = cwErrorLine { try CloudWatchFiles.decodeMetricData(Array(bytes[..<cut]), file: file) }
            #expect(line?.hasPrefix("\(file): byte ") == true, "cut at \(cut): \(line ?? "no error")")
            #expect(line?.contains("end of JSON") == true, "cut at \(cut): \(line ?? "no error")")
        }
        let cut = 1000
        #expect(cwErrorLine { try CloudWatchFiles.decodeMetricData(Array(bytes[..<cut]), file: file) }
                == "\(file): byte 1000: unexpected end of JSON in a string that starts at byte 993")
    }

    @Test("wrong types name the JSON path")
    func wrongTypes() {
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": "a", "Values": "abc"}]}"#)
                == "\(file): MetricDataResults[0].Values: expected an array, found a string at byte 45")
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": "a", "Timestamps": [1], "Values": [true]}]}"#)
                == "\(file): MetricDataResults[0].Values[0]: expected a number, found a boolean at byte 65")
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": 7}]}"#)
                == "\(file): MetricDataResults[0].Id: expected a string, found a number at byte 30")
        #expect(metricDataError(#"{"MetricDataResults": {}}"#)
                == "\(file): MetricDataResults: expected an array, found an object at byte 22")
        // Another JSON value where the output's object belongs is not get-metric-data output at all.
        #expect(metricDataError(#""abc""#)
                == "\(file): not the output of `aws cloudwatch get-metric-data` (no MetricDataResults)")
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": "a", "Timestamps": ["yesterday"], "Values": [1]}]}"#)
                == "\(file): MetricDataResults[0].Timestamps[0]: not a timestamp: \"yesterday\"")
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": "a", "Timestamps": ["2025-02-30T00:00:00Z"], "Values": [1]}]}"#)
                == "\(file): MetricDataResults[0].Timestamps[0]: not a timestamp: \"2025-02-30T00:00:00Z\"")
        #expect(metricDataError(#"{"MetricDataResults": [{"Label": "x"}]}"#) == "\(file): MetricDataResults[0]: result without Id")
    }

    @Test("Timestamps and Values of different lengths")
    func lengthMismatch() {
        let results = (0..<3).map { i in
            let n = i == 2 ? 14 : 15
            let ts = (0..<15).map { String(1_748_779_200 + 60 * $0) }.joined(separator: ",")
            let vs = (0..<n).map(String.init).joined(separator: ",")
            return #"{"Id": "m\#(i)", "Timestamps": [\#(ts)], "Values": [\#(vs)]}"#
        }
        #expect(metricDataError(#"{"MetricDataResults": [\#(results.joined(separator: ","))]}"#)
                == "\(file): MetricDataResults[2].Values: 14 values for 15 timestamps")
        #expect(metricDataError(#"[{}, {"MetricDataResults": [{"Id": "a", "Timestamps": [1]}]}]"#)
                == "\(file): [1].MetricDataResults[0].Values: 0 values for 1 timestamps")
        #expect(metricDataError(#"{} {"MetricDataResults": [{"Id": "a", "Values": [1]}]}"#)
                == "\(file): document 2: MetricDataResults[0].Values: 1 values for 0 timestamps")
    }

    @Test("NaN, Infinity and numbers too large for a Double", arguments: [
        ("NaN", "byte 65: NaN and Infinity are not JSON numbers"),
        ("Infinity", "byte 65: NaN and Infinity are not JSON numbers"),
        ("-Infinity", "byte 65: invalid number"),
        ("1e999", "byte 65: number out of range"),
        ("-1e400", "byte 65: number out of range"),
        ("1.", "byte 65: invalid number (no digit after '.')"),
        ("01", "byte 66: unexpected '1' (expected ',' or ']')"),
        ("1e", "byte 65: invalid number (no digit in exponent)"),
        ("\"1\"", "MetricDataResults[0].Values[0]: expected a number, found a string at byte 65"),
    ])
    func badNumbers(text: String, expected: String) {
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": "a", "Timestamps": [1], "Values": [\#(text)]}]}"#)
                == "\(file): \(expected)")
    }

    @Test("deeply nested garbage: 100,000 brackets are refused at depth 512, no stack overflow")
    func deepNesting() {
        let deepArrays = String(repeating: "[", count: 100_000)
        #expect(metricDataError(#"{"MetricDataResults": [{"Id": "a", "Junk": \#(deepArrays)}]}"#)
                == "\(file): byte 552: nested deeper than 512 levels")
        let deepObjects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(metricDataError(#"{"Junk": \#(deepObjects)}"#) == "\(file): byte 2564: nested deeper than 512 levels")
        #expect(metricDataError(deepArrays)
                == "\(file): not the output of `aws cloudwatch get-metric-data` (no MetricDataResults)")
        // What Foundation does with the same input (verified here: a depth limit of 512, an error, no crash).
        #expect(throws: (any Error).self) {
            try JSONSerialization.jsonObject(with: Data(deepArrays.utf8))
        }
        let nested = String(repeating: "[", count: 400) + String(repeating: "]", count: 400)
        #expect(metricDataError(#"{"Junk": \#(nested), "MetricDataResults": []}"#) == nil)
    }

    @Test("other syntax errors: trailing commas, comments, garbage after the document, control characters")
    func syntax() {
        #expect(metricDataError(#"{"MetricDataResults": [],}"#) == "\(file): byte 25: unexpected '}' (expected a key in double quotes)")
        #expect(metricDataError(#"{"MetricDataResults": [1,]}"#) == "\(file): MetricDataResults[0]: expected an object, found a number at byte 23")
        #expect(metricDataError("// c\n{}") == "\(file): byte 0: unexpected '/' (expected an object)")
        #expect(metricDataError("{\"NextToken\": \"a\u{1}b\"}") == "\(file): byte 16: control character in a string")
        #expect(metricDataError(#"{"Label": "\x"}"#) == "\(file): byte 11: invalid escape '\\x' in a string")
        #expect(metricDataError(#"{"NextToken": nul}"#) == "\(file): byte 17: unexpected '}' (expected 'null')")
        var w: [String] = []
        #expect(cwErrorLine { try CloudWatchFiles.decodeAlarms(Array(#"{"MetricAlarms": []} x"#.utf8), file: "a.json", warnings: &w) }
                == "a.json: byte 21: unexpected data after the JSON document")
    }

    @Test("bad values in the other shapes name their path")
    func otherShapes() {
        var w: [String] = []
        #expect(cwErrorLine { try CloudWatchFiles.decodeAlarms(Array(#"{"MetricAlarms": [{"AlarmName": "x", "StateValue": "MAYBE"}]}"#.utf8), file: "a.json", warnings: &w) }
                == "a.json: MetricAlarms[0].StateValue: alarm x: unknown state \"MAYBE\"")
        #expect(cwErrorLine { try CloudWatchFiles.decodeTargetHealth(Array(#"{"TargetHealthDescriptions": [{"Target": {"Id": "i-1", "Port": "80"}}]}"#.utf8), file: "t.json", warnings: &w) }
                == "t.json: TargetHealthDescriptions[0].Target.Port: expected a number, found a string at byte 63")
        #expect(cwErrorLine { try CloudWatchFiles.decodeEC2Instances(Array(#"{"Reservations": [{"Instances": [{"InstanceId": "i-1"}]}]}"#.utf8), file: "i.json", warnings: &w) }
                == "i.json: Reservations[0].Instances[0]: instance without InstanceId, Placement.AvailabilityZone and State.Name")
        #expect(cwErrorLine { try CloudWatchFiles.decodeMetricStatistics(Array(#"{"Datapoints": [{"Average": 1}]}"#.utf8), file: "s.json") }
                == "s.json: Datapoints[0]: datapoint without Timestamp")
        #expect(cwErrorLine { try CloudWatchFiles.decodeMetricDataQueries(Array(#"[{"Id": "a", "MetricStat": {"Metric": {"MetricName": "CPUUtilization"}}}]"#.utf8), file: "q.json") }
                == "q.json: [0].MetricStat: no Stat")
    }

    @Test("error text is always one line, even with control characters in the input")
    func oneLine() {
        var w: [String] = []
        let text = #"{"MetricAlarms": [{"AlarmName": "x\ny\u001b[31m", "StateValue": "MAYBE"}]}"#
        #expect(cwErrorLine { try CloudWatchFiles.decodeAlarms(Array(text.utf8), file: "a.json", warnings: &w) }
                == "a.json: MetricAlarms[0].StateValue: alarm x y\\e[31m: unknown state \"MAYBE\"")
    }
}
