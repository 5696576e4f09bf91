import AlarmDefinitions
import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
import Testing

/// The scaling fixture's policies over the built-in demo recording (the az-outage scenario: us-east-1b dark
/// from 13:00 to 13:50). Properties, not every number, so that a regenerated demo still passes.
struct ScalingDemoTests {
    static func preview(model: LoadModel = .proportional) throws -> (ScalingPreviewSetup, ScalingPreview, PreviewData) {
        let loaded = try TerraformScaling.load(path: FixtureFiles.path("scaling/erato-scaling.tf"))
        let data = try PreviewData.demo()
        let setup = ScalingPreviewSetup(loaded: loaded, data: data, dataName: "demo.fwrec", groupName: "erato-backend-asg",
                                        model: model, assumptions: .standard)
        let group = ScalingGroup(name: "erato-backend-asg", minSize: 3, maxSize: 12, desiredCapacity: 6,
                                 defaultInstanceWarmup: 180)
        let times = data.series.flatMap(\.points).map(\.time)
        let start = try #require(times.min()), end = try #require(times.max()).addingTimeInterval(60)
        let preview = ScalingSimulation.run(setup.inputs, group: group, initialCapacity: data.capacity?.value(at: start) ?? 6,
                                            recorded: data.capacity, model: model, start: start, end: end)
        return (setup, preview, data)
    }

    @Test func theCPUPolicyScalesOutDuringTheOutage() throws {
        let (setup, preview, data) = try Self.preview()
        let outage = Date(timeIntervalSince1970: 1_767_618_000)..<Date(timeIntervalSince1970: 1_767_618_000 + 50 * 60)
        let out = preview.activities.filter { $0.to > $0.from && outage.contains($0.time) }
        #expect(!out.isEmpty, "no scale-out during the outage: \(preview.activities.map(\.cause))")
        #expect(out.allSatisfy { $0.policy == "erato-target-cpu" && $0.alarm.hasPrefix("TargetTracking-erato-backend-asg-AlarmHigh-") })
        #expect(preview.peakCapacity > (data.capacity?.value(at: preview.start) ?? 0))
        #expect(preview.activities.allSatisfy { (3...12).contains($0.to) })
        #expect(setup.inputs.map(\.policy.name).contains("erato-target-cpu"))
        // The recording holds the group's capacity: the summary can stand beside what really happened.
        #expect(data.capacity != nil)
    }

    @Test func requestCountIsLinted() throws {
        let (setup, _, _) = try Self.preview()
        #expect(setup.lint.contains { $0.hasPrefix("request_count: never acts: no datapoints for AWS/ApplicationELB RequestCountPerTarget {LoadBalancer=")
            && $0.hasSuffix(", a metric published per TargetGroup") })
        #expect(!setup.inputs.contains { $0.policy.name == "request_count" })
    }

    @Test func withoutTheLoadModelTheCPUReplaysUnchanged() throws {
        let (setup, preview, _) = try Self.preview(model: .none)
        #expect(setup.inputs.allSatisfy { $0.alarms.allSatisfy { !$0.rescaled } })
        // The recorded minutes above the target are what the simulation sees when nothing is rescaled.
        #expect(preview.aboveTarget.allSatisfy { $0.simulated == $0.recorded })
    }

    @Test func theSeedsPoliciesOverTheDemo() throws {
        let loaded = try TerraformScaling.load(path: FixtureFiles.path("alarms/erato.tf"))
        let setup = ScalingPreviewSetup(loaded: loaded, data: try PreviewData.demo(), dataName: "demo.fwrec",
                                        groupName: "erato-web-asg", model: .proportional, assumptions: .standard)
        #expect(setup.inputs.map(\.policy.name) == ["erato-cpu-target-tracking"])
        #expect(setup.lint.contains { $0.hasPrefix("erato-requests-per-target: never acts: no datapoints for AWS/ApplicationELB RequestCountPerTarget {TargetGroup=") })
        #expect(setup.lint.contains("erato-step-out: never acts: no alarm's alarm_actions invokes it"))
        // The seed names the group erato-web-asg; the demo's is erato-backend-asg: used, with a warning.
        #expect(setup.warnings.contains { $0.contains("using the data's only CPUUtilization series") })
    }
}
