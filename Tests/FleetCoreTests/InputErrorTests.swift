import FleetCore
import Testing

@Suite struct InputErrorTests {
    @Test(arguments: [
        (InputError(file: "fleetwatch.yaml", line: 7, path: "sources[0].every", message: "expected a duration like 30s, got \"soon\""),
         "fleetwatch.yaml:7: sources[0].every: expected a duration like 30s, got \"soon\""),
        (InputError(file: "alarms.tf", line: 12, column: 5, message: "expected '=' or '{' after 'threshold'"),
         "alarms.tf:12:5: expected '=' or '{' after 'threshold'"),
        (InputError(file: "data.json", path: "MetricDataResults[2].Values", message: "14 values for 15 timestamps"),
         "data.json: MetricDataResults[2].Values: 14 values for 15 timestamps"),
        (InputError(file: "data.json", byteOffset: 1234, message: "unexpected end of input"),
         "data.json: byte 1234: unexpected end of input"),
        (InputError(file: "x.jsonl", line: 1, message: "not a fleetwatch recording (no header)"),
         "x.jsonl:1: not a fleetwatch recording (no header)"),
        (InputError(file: "x.json", message: "not the output of `aws cloudwatch get-metric-data` (no `MetricDataResults`)"),
         "x.json: not the output of `aws cloudwatch get-metric-data` (no `MetricDataResults`)"),
        (InputError(file: "a.yaml", column: 3, message: "m"), "a.yaml: m"),  // a column needs a line
    ])
    func renders(_ error: InputError, _ expected: String) {
        #expect(error.description == expected)
        #expect(error.localizedDescription == expected)
    }

    @Test func textFromTheInputIsSanitisedOntoOneLine() {
        let error = InputError(file: "evil\u{202E}txt.json", line: 2, path: "a\u{1B}[2J",
                               message: "got \"x\ny\u{07}\u{9B}31m\"")
        #expect(error.description == "evil\\u202etxt.json:2: a\\e[2J: got \"x y\\u0007\\u009b31m\"")
        #expect(!error.description.contains("\n"))
    }
}
