import AlarmDefinitions
import FleetCore
@testable import FleetSources
import FleetTestSupport
import Foundation
import Testing

/// Where the dashboard's scaling policies come from: the configuration's `scaling:`, and the built-in demo's.
struct ScalingConfigTests {
    @Test("the built-in demo's policies are the scaling fixture, word for word, and read as its four")
    func builtin() throws {
        let fixture = try String(contentsOfFile: FixtureFiles.path("scaling/erato-scaling.tf"), encoding: .utf8)
        #expect(BuiltinRecording.scalingText + "\n" == fixture)
        let loaded = try BuiltinRecording.scaling()
        #expect(loaded.policies.map(\.name) == ["erato-target-cpu", "request_count", "erato-step-out", "erato-simple-in"])
        #expect(loaded.group.maxSize == 12)
    }

    @Test("scaling: names a Terraform file relative to the configuration; alarms: attach to its policies")
    func configKey() throws {
        let dir = URL(fileURLWithPath: FixtureFiles.path("scaling"))
        let config = try FleetConfig.parse("""
            sources: [{kind: mock}]
            scaling: erato-scaling.tf
            """, file: "fleetwatch.yaml", baseDirectory: dir)
        let (loaded, file) = try #require(try config.loadScaling())
        #expect(file == dir.appendingPathComponent("erato-scaling.tf").path)
        #expect(loaded.policies.count == 4)
        let none = try FleetConfig.parse("sources: [{kind: mock}]", file: "f.yaml", baseDirectory: dir)
        #expect(try none.loadScaling() == nil)
    }

    @Test("a recording's scaling events are the real activities beside the preview's; metric files hold none")
    func realActivities() throws {
        let data = try PreviewData.demo()
        let real = try #require(data.activities)
        #expect(real.compactMap(\.capacityChange).map { [$0.from, $0.to] } == [[6, 7], [7, 8], [8, 7], [7, 6]])
        #expect(PreviewData(series: []).activities == nil)
    }

    @Test("scaling: naming a missing file is an input error naming it")
    func missing() throws {
        let config = try FleetConfig.parse("sources: [{kind: mock}]\nscaling: nope.tf", file: "f.yaml",
                                           baseDirectory: URL(fileURLWithPath: "/nonexistent"))
        #expect(throws: InputError.self) { try config.loadScaling() }
    }
}
