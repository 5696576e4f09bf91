import AWSFormats
import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

/// Issue 17's classes, one test each: numbers out of range, sizes over their ceiling, unclear errors,
/// another command's output, in the configuration, recordings, the preview and the files source.
@Suite("Hostile input")
struct HostileInputTests {
    static let base = URL(fileURLWithPath: "/etc/fleetwatch")

    func configError(_ text: String) -> String? {
        configErrorLine {
            let config = try FleetConfig.parse(text, file: "fleetwatch.yaml", baseDirectory: Self.base)
            _ = try SourceRegistry([MockSourceKind(), CloudWatchFilesSourceKind()])
                .poller(for: config, now: Date(timeIntervalSince1970: 1_764_000_000), mockPrefill: 0)
        }
    }

    @Test("durations over their ceiling are refused naming it", arguments: [
        ("sources:\n  - kind: mock\n    every: 99999999999999999999999s\n",
         "fleetwatch.yaml:3: sources[0].every: 1e+23s is more than the 366d ceiling for a duration"),
        ("sources:\n  - kind: mock\n    prefill: 3650d\n",
         "fleetwatch.yaml:3: sources[0].prefill: 3650d is more than the 7d ceiling for prefill"),
        ("history: 100d\nsources: [{kind: mock}]\n", "fleetwatch.yaml:1: history: expected between 15m and 14d"),
    ])
    func durationCeilings(text: String, expected: String) {
        #expect(configError(text) == expected)
    }

    @Test("a duplicate key names its second line, not line 1 and not the file")
    func duplicateKey() {
        let text = "refresh: 1s\nsources:\n  - kind: mock\n    every: 5s\n    every: 10s\n"
        #expect(configError(text) == "fleetwatch.yaml:5: duplicate key \"every\" (first at line 4)")
    }

    @Test("a FIFO, a symlink loop and a directory are named as such")
    func fileKinds() throws {
        let dir = try TemporaryDirectory.make("hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let loop = dir.appendingPathComponent("loop.yaml").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        #expect(configErrorLine { try FleetConfig.load(path: fifo) } == "\(fifo): is a FIFO (named pipe), not a regular file")
        #expect(configErrorLine { try FleetConfig.load(path: loop) } == "\(loop): too many levels of symbolic links (a symlink loop)")
        #expect(configErrorLine { try FleetConfig.load(path: dir.path) } == "\(dir.path): is a directory")
        #expect(configErrorLine { try RecordingReader.read(path: fifo) } == "\(fifo): is a FIFO (named pipe), not a regular file")
    }

    /// The built-in demo's header line.
    static let header = (try? String(contentsOf: FixtureFiles.repository.appendingPathComponent("Recordings/demo.fwrec"), encoding: .utf8))
        .map { String($0.prefix { $0 != "\n" }) } ?? ""

    @Test("a recording's series_capacity of 0 is refused on line 1, not a precondition")
    func seriesCapacityZero() {
        let text = Self.header.replacingOccurrences(of: "\"series_capacity\":1440", with: "\"series_capacity\":0") + "\n"
        #expect(configErrorLine { try RecordingReader.read(data: Data(text.utf8), name: "r.fwrec") }
            == "r.fwrec:1: series_capacity: 0 is outside 1…100000")
    }

    @Test("a recording line with t = 1e300 is skipped with a warning naming it; points out of range too")
    func farOffTimes() throws {
        let text = Self.header + "\n" + #"{"t":1e300,"src":"mock","answered":true}"# + "\n"
            + #"{"t":1767618060,"src":"mock","metrics":[{"id":0,"key":{"namespace":"N","name":"M","statistic":"Average","dimensions":[]},"unit":"","period":60,"points":[[1e300,1],[1767618000,2]]}]}"# + "\n"
        let recording = try RecordingReader.read(data: Data(text.utf8), name: "r.fwrec")
        #expect(recording.updates.count == 1)
        #expect(recording.warnings.count == 2)
        #expect(recording.warnings.first?.hasPrefix("r.fwrec:2: bad \"t\": timestamp 1e+300 is outside 1970-01-01 … 2999-12-31") == true)
        #expect(recording.warnings.last == "r.fwrec:3: series 0: 1 points without a [time, value] pair of a time within 1970…2999 skipped")
        #expect(recording.updates[0].update.metrics.first?.points.count == 1)
    }

    @Test("a preview over more periods than its ceiling is refused before it allocates")
    func previewPeriods() {
        let definition = AlarmDefinition(name: "cpu-high", namespace: "AWS/EC2", metricName: "CPUUtilization",
                                         statistic: "Average", period: 60, evaluationPeriods: 3, datapointsToAlarm: 3,
                                         threshold: 80, comparison: .greaterThanThreshold)
        let t0 = Date(timeIntervalSince1970: 1_748_779_200)
        let batch = FleetUpdate.Batch(key: MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average"),
                                      unit: "Percent", period: 60, points: [Datapoint(time: t0, value: 1)])
        #expect(PreviewReport.ceilingProblem(definition: definition, series: batch, from: nil,
                                             end: Date(timeIntervalSince1970: 32_503_679_999))?
            .contains("more than the 1000000 evaluation periods a preview walks") == true)
        #expect(PreviewReport.ceilingProblem(definition: definition, series: batch, from: nil,
                                             end: t0.addingTimeInterval(86400)) == nil)
    }

    /// Each key of the files source given another command's output: the source fails, naming the
    /// command whose output it expected (never "ok" with empty panels).
    @Test("the files source refuses every wrong pairing", arguments: [
        ("metricData", "describe-alarms.json", "get-metric-data"),
        ("metricData", "describe-instances.json", "get-metric-data"),
        ("alarms", "get-metric-data.json", "describe-alarms"),
        ("alarms", "describe-target-health.json", "describe-alarms"),
        ("targetHealth", "describe-instances.json", "describe-target-health"),
        ("targetHealth", "describe-alarms.json", "describe-target-health"),
        ("ec2Instances", "describe-target-health.json", "describe-instances"),
        ("ec2Instances", "get-metric-data.json", "describe-instances"),
        ("autoScalingGroups", "describe-instances.json", "describe-auto-scaling-groups"),
        ("queries", "get-metric-data.json", "get-metric-data"),
    ])
    func wrongPairings(key: String, fixture: String, expected: String) async throws {
        let path = CWFixture.path(fixture)
        var paths = CloudWatchFilePaths()
        switch key {
        case "metricData": paths.metricData = [path]
        case "alarms": paths.alarms = path
        case "targetHealth": paths.targetHealth = path
        case "ec2Instances": paths.ec2Instances = path
        case "autoScalingGroups": paths.autoScalingGroups = path
        default:
            paths.metricData = [CWFixture.path("get-metric-data.json")]
            paths.metricDataQueries = path
        }
        let source = CloudWatchFilesSource(paths: paths)
        do {
            let update = try await source.poll(now: Date(timeIntervalSince1970: 1_800_000_000))
            Issue.record("\(key) took \(fixture): \(update.status?.detail ?? "")")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}
