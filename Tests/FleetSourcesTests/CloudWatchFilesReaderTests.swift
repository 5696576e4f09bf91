import AWSFormats
import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

@Suite("CloudWatchFiles reader and FileStamp")
struct CloudWatchFilesReaderTests {
    /// Copies fixtures into a scratch folder and returns the paths of a full file set.
    func scratchSet() throws -> (URL, CloudWatchFilePaths) {
        let dir = try TemporaryDirectory.make("cwfiles")
        for name in ["get-metric-data.json", "get-metric-data.queries.json", "get-metric-statistics.json",
                     "describe-alarms.json", "describe-target-health.json", "describe-instances.json"] {
            try FileManager.default.copyItem(atPath: CWFixture.path(name), toPath: dir.appendingPathComponent(name).path)
        }
        func p(_ n: String) -> String { dir.appendingPathComponent(n).path }
        let paths = CloudWatchFilePaths(
            metricData: [p("get-metric-data.json")], metricDataQueries: p("get-metric-data.queries.json"),
            metricStatistics: [MetricStatisticsFile(path: p("get-metric-statistics.json"), metric: CWFixture.fleetCPU)],
            alarms: p("describe-alarms.json"), targetHealth: p("describe-target-health.json"),
            ec2Instances: p("describe-instances.json"))
        return (dir, paths)
    }

    @Test("FileStamp changes when a file is rewritten or replaced, not when it is only read")
    func stamps() throws {
        let dir = try TemporaryDirectory.make("cwfiles")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        let first = try #require(FileStamp.of(path: path))
        _ = try BoundedFile.read(path)
        #expect(FileStamp.of(path: path) == first)
        #expect(try BoundedFile.read(path).stamp == first)
        // Same size, new content, written in place: mtime (ns) changes.
        let fd = open(path, O_WRONLY)
        var ts = [timespec(tv_sec: 1_000, tv_nsec: 0), timespec(tv_sec: 1_000, tv_nsec: 0)]
        _ = write(fd, "[]", 2)
        futimens(fd, &ts)
        close(fd)
        let rewritten = try #require(FileStamp.of(path: path))
        #expect(rewritten != first && rewritten.inode == first.inode && rewritten.size == 2)
        // Replaced by rename (what `aws … > tmp && mv tmp file` does): inode changes.
        let tmp = dir.appendingPathComponent("b.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: tmp))
        rename(tmp, path)
        #expect(FileStamp.of(path: path)?.inode != first.inode)
        #expect(FileStamp.of(path: dir.appendingPathComponent("missing").path) == nil)
    }

    @Test("first read decodes every file; an unchanged set costs no decode and returns nothing new")
    func unchangedCostsNothing() throws {
        let (dir, paths) = try scratchSet()
        defer { try? FileManager.default.removeItem(at: dir) }
        var reader = CloudWatchFilesReader(paths: paths)
        let first = try reader.readChanged()
        #expect(reader.decodeCount == 6)
        // 11 get-metric-data series + 5 statistics; the statistics' Average is the fleet CPU series, merged.
        #expect(first.batches.count == 11 + 5 - 1)
        #expect(first.alarms?.count == 2)
        #expect(first.instances?.count == 6)
        #expect(first.warnings.isEmpty)
        let second = try reader.readChanged()
        #expect(reader.decodeCount == 6)
        #expect(second == CloudWatchFileData())
        let all = try reader.readAll()
        #expect(reader.decodeCount == 6)
        #expect(all.batches == first.batches && all.alarms == first.alarms && all.instances == first.instances)
    }

    @Test("a changed file is decoded again, alone; a changed queries file re-decodes the metric data")
    func changedFiles() throws {
        let (dir, paths) = try scratchSet()
        defer { try? FileManager.default.removeItem(at: dir) }
        var reader = CloudWatchFilesReader(paths: paths)
        _ = try reader.readChanged()
        let alarms = try #require(paths.alarms)
        try Data(#"{"MetricAlarms": [], "CompositeAlarms": []}"#.utf8).write(to: URL(fileURLWithPath: alarms))
        let afterAlarms = try reader.readChanged()
        #expect(reader.decodeCount == 7)
        #expect(afterAlarms.alarms == [])
        #expect(afterAlarms.batches.isEmpty && afterAlarms.instances == nil)

        let queries = try #require(paths.metricDataQueries)
        try Data(#"[{"Id": "cpu", "MetricStat": {"Metric": {"Namespace": "Custom", "MetricName": "Load"}, "Period": 60, "Stat": "Sum"}}]"#.utf8)
            .write(to: URL(fileURLWithPath: queries))
        let afterQueries = try reader.readChanged()
        #expect(reader.decodeCount == 9)
        #expect(afterQueries.batches.contains { $0.key == MetricKey(namespace: "Custom", name: "Load", statistic: "Sum") })
        #expect(afterQueries.warnings.count == 10) // the other ten Ids are no longer in the queries file

        let targets = try #require(paths.targetHealth)
        try Data(#"{"TargetHealthDescriptions": []}"#.utf8).write(to: URL(fileURLWithPath: targets))
        let afterTargets = try reader.readChanged()
        #expect(reader.decodeCount == 10)
        #expect(afterTargets.instances?.filter { $0.reason == "Target.NotRegistered" }.count == 6)
    }

    @Test("a file that disappears or goes bad is an error naming it; fixing it recovers")
    func errors() throws {
        let (dir, paths) = try scratchSet()
        defer { try? FileManager.default.removeItem(at: dir) }
        var reader = CloudWatchFilesReader(paths: paths)
        _ = try reader.readChanged()
        let data = try #require(paths.metricData.first)
        let good = try Data(contentsOf: URL(fileURLWithPath: data))
        try Data(good.prefix(100)).write(to: URL(fileURLWithPath: data))
        #expect(errorLine(InputError.self) { try reader.readChanged() } == "\(data): byte 100: unexpected end of JSON (expected a key in double quotes)")
        try FileManager.default.removeItem(atPath: data)
        #expect(errorLine(InputError.self) { try reader.readChanged() } == "\(data): no such file")
        try good.write(to: URL(fileURLWithPath: data))
        #expect(try reader.readChanged().batches.count == 11)
    }
}
