import AWSFormats
import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

@Suite("CloudWatchFiles source")
struct CloudWatchFilesSourceTests {
    func scratch() throws -> (URL, CloudWatchFilePaths) {
        let dir = try TemporaryDirectory.make("cwfiles")
        for name in ["get-metric-data.json", "get-metric-data.queries.json", "describe-alarms.json",
                     "describe-target-health.json", "describe-instances.json"] {
            try FileManager.default.copyItem(atPath: CWFixture.path(name), toPath: dir.appendingPathComponent(name).path)
        }
        func p(_ n: String) -> String { dir.appendingPathComponent(n).path }
        return (dir, CloudWatchFilePaths(metricData: [p("get-metric-data.json")],
                                         metricDataQueries: p("get-metric-data.queries.json"),
                                         alarms: p("describe-alarms.json"), targetHealth: p("describe-target-health.json"),
                                         ec2Instances: p("describe-instances.json")))
    }

    @Test("poll answers everything once, then nothing until a file changes")
    func pollsOnlyChanges() async throws {
        let (dir, paths) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = CloudWatchFilesSource(paths: paths)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await source.poll(now: now)
        #expect(first.metrics.count == 11)
        #expect(first.alarms?.count == 2)
        #expect(first.instances?.count == 6)
        #expect(first.time == now)  // files are read now: the fleet clock is the wall clock
        #expect(first.status?.name == "cloudwatch-files")
        #expect(first.status?.detail == "files:5")
        #expect(first.status?.newestData == CWFixture.minute(9))
        let idle = try await source.poll(now: now.addingTimeInterval(30))
        #expect(idle.metrics.isEmpty && idle.alarms == nil && idle.instances == nil)
        #expect(idle.status?.newestData == CWFixture.minute(9))
        #expect(await source.decodeCount == 5)

        let partial = #"{"MetricDataResults":[{"Id":"req_a","Timestamps":["2025-06-01T12:10:00Z"],"Values":[7],"StatusCode":"PartialData"}]}"#
        try Data(partial.utf8).write(to: URL(fileURLWithPath: paths.metricData[0]))
        let next = try await source.poll(now: now.addingTimeInterval(60))
        #expect(await source.decodeCount == 6)
        #expect(next.metrics.count == 1 && next.metrics[0].key == CWFixture.albKey("RequestCount", "Sum", zone: "us-east-1a"))
        #expect(next.status?.detail == "files:5 · 1 warning: \(paths.metricData[0]): MetricDataResults[0] (Id req_a): PartialData")
        #expect(next.status?.newestData == CWFixture.minute(10))
    }

    /// A poller over the files source, polled once.
    func polledOnce(_ paths: CloudWatchFilePaths) async -> (Poller, Date) {
        let poller = Poller(state: FleetState(time: CWFixture.t0, fleet: .erato),
                            sources: [ScheduledSource(CloudWatchFilesSource(paths: paths), every: 30, staleAfter: 1e9)])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        await poller.pollOnce(now: now)
        return (poller, now)
    }

    @Test("through the Poller: data lands in the fleet state; a broken file marks the source, last data kept")
    func withPoller() async throws {
        let (dir, paths) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (poller, now) = await polledOnce(paths)
        var state = await poller.state
        #expect(state.panelSeries(.unhealthyHosts, zone: "us-east-1b")?.latest?.value == 2)
        #expect(state.alarms.first?.state == .alarm)
        #expect(state.instances(inZone: "us-east-1c").first?.lifecycle == .terminated)
        #expect(await poller.status(of: "cloudwatch-files")?.health == .ok)

        try Data("{\"MetricAlarms\": [".utf8).write(to: URL(fileURLWithPath: try #require(paths.alarms)))
        await poller.pollOnce(now: now.addingTimeInterval(31))
        let status = await poller.status(of: "cloudwatch-files")
        #expect(status?.health == .error)
        #expect(status?.lastError == "\(paths.alarms ?? ""): byte 18: unexpected end of JSON (expected ']' or a value)")
        state = await poller.state
        #expect(state.alarms.count == 2)
    }

    @Test("a file of the wrong kind marks the source with one line; last data kept")
    func wrongKind() async throws {
        let (dir, paths) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (poller, now) = await polledOnce(paths)
        #expect(await poller.status(of: "cloudwatch-files")?.health == .ok)

        // describe-target-health output where get-metric-data output belongs.
        let metricData = paths.metricData[0]
        try FileManager.default.removeItem(atPath: metricData)
        try FileManager.default.copyItem(atPath: CWFixture.path("describe-target-health.json"), toPath: metricData)
        await poller.pollOnce(now: now.addingTimeInterval(31))
        let status = await poller.status(of: "cloudwatch-files")
        #expect(status?.health == .error)
        #expect(status?.lastError
                == "\(metricData): not the output of `aws cloudwatch get-metric-data` (no MetricDataResults)")
        let state = await poller.state
        #expect(state.panelSeries(.unhealthyHosts, zone: "us-east-1b")?.latest?.value == 2)
    }
}
