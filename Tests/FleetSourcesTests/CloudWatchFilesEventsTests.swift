import AWSFormats
import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

@Suite("CloudWatch files source: events")
struct CloudWatchFilesEventsTests {
    @Test("scaling activities, alarm history and instance refreshes become events, once")
    func eventFiles() async throws {
        let dir = try TemporaryDirectory.make("cwevents")
        defer { try? FileManager.default.removeItem(at: dir) }
        func copy(_ name: String) throws -> String {
            let to = dir.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: CWFixture.path(name), toPath: to)
            return to
        }
        var paths = CloudWatchFilePaths()
        paths.scalingActivities = try copy("describe-scaling-activities.json")
        paths.alarmHistory = try copy("describe-alarm-history.json")
        paths.instanceRefreshes = try copy("describe-instance-refreshes.json")
        let source = CloudWatchFilesSource(paths: paths)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await source.poll(now: now)
        #expect(first.events.filter { $0.kind == .launch }.count == 2)
        #expect(first.events.filter { $0.kind == .terminate }.count == 1)
        #expect(first.events.filter { $0.kind == .alarm }.count == 2)
        #expect(first.events.filter { $0.kind == .refresh }.count == 2)
        let idle = try await source.poll(now: now.addingTimeInterval(30))
        #expect(idle.events.isEmpty)
        var state = FleetState(time: now, fleet: .erato)
        state.apply(first)
        state.apply(first)  // a re-read adds nothing
        #expect(state.events.count == first.events.count - 1)  // two launches share one capacity change
    }

    @Test("health transitions are derived from successive describe-target-health reads")
    func healthTransitions() async throws {
        let dir = try TemporaryDirectory.make("cwhealth")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("describe-target-health.json").path
        let healthy = try String(contentsOfFile: CWFixture.path("describe-target-health.json"), encoding: .utf8)
        try healthy.write(toFile: path, atomically: true, encoding: .utf8)
        let source = CloudWatchFilesSource(paths: CloudWatchFilePaths(targetHealth: path))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await source.poll(now: now)
        #expect(first.events.isEmpty)
        let id = try #require(first.instances?.first { $0.health == .healthy }?.id)
        // The first healthy target now times out.
        let broken = healthy.replacingOccurrences(
            of: "\"Id\": \"\(id)\",\n                \"Port\": 8080\n            },\n            \"HealthCheckPort\": \"traffic-port\",\n            \"TargetHealth\": {\n                \"State\": \"healthy\"\n            }",
            with: "\"Id\": \"\(id)\",\n                \"Port\": 8080\n            },\n            \"HealthCheckPort\": \"traffic-port\",\n            \"TargetHealth\": {\n                \"State\": \"unhealthy\",\n                \"Reason\": \"Target.Timeout\",\n                \"Description\": \"Request timed out\"\n            }")
        #expect(broken != healthy)
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let second = try await source.poll(now: now.addingTimeInterval(30))
        #expect(second.events == [FleetEvent.healthChange(time: now.addingTimeInterval(30), instance: id, zone: second.instances?.first { $0.id == id }?.zone,
                                                          from: .healthy, to: .unhealthy, reason: "Target.Timeout")])
    }

    @Test("the config keys scaling_activities, alarm_history, instance_refreshes")
    func configKeys() throws {
        let config = try FleetConfig.parse("""
            sources:
              - kind: cloudwatch-files
                scaling_activities: a.json
                alarm_history: h.json
                instance_refreshes: r.json
            """, file: "fleetwatch.yaml", baseDirectory: URL(fileURLWithPath: "/data"))
        let source = try CloudWatchFilesSource(config: config.sources[0])
        #expect(source.paths.scalingActivities == "/data/a.json")
        #expect(source.paths.alarmHistory == "/data/h.json")
        #expect(source.paths.instanceRefreshes == "/data/r.json")
    }
}
