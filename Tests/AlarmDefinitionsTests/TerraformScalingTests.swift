import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AlarmDefinitions

/// `aws_autoscaling_policy` and its alarms read from Terraform, as written.
struct TerraformScalingTests {
    static func load(_ path: String) throws -> LoadedScaling {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try TerraformScaling.load(files: [(path, text)])
    }

    @Test func theFourPoliciesOfTheScalingFixture() throws {
        let loaded = try Self.load(FixtureFiles.path("scaling/erato-scaling.tf"))
        #expect(loaded.policies.map(\.name) == ["erato-target-cpu", "request_count", "erato-step-out", "erato-simple-in"])
        #expect(loaded.group == .init(name: "erato-backend-asg", minSize: 3, maxSize: 12, desiredCapacity: 6,
                                      defaultInstanceWarmup: 180, defaultCooldown: 300))
        let cpu = loaded.policies[0]
        #expect(cpu.kind == .targetTracking(.init(
            metric: ScalingMetric(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                  dimensions: [Dimension("AutoScalingGroupName", "erato-backend-asg")]),
            targetValue: 70)))
        #expect(loaded.policies[1].kind == .targetTracking(.init(
            metric: ScalingMetric(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                                  dimensions: [Dimension("LoadBalancer", "app/erato-backend-alb/50dc6c495c0c9188")]),
            targetValue: 1000, disableScaleIn: true)))
        let step = loaded.policies[2]
        #expect(step.kind == .step(.init(type: .changeInCapacity, steps: [
            StepAdjustment(lowerBound: 0, upperBound: 10, adjustment: 1), StepAdjustment(lowerBound: 10, adjustment: 3)])))
        #expect(step.estimatedInstanceWarmup == 120)
        #expect(step.alarms.map(\.name) == ["erato-cpu-step"])
        let simple = loaded.policies[3]
        #expect(simple.kind == .simple(.init(type: .percentChangeInCapacity, steps: [StepAdjustment(adjustment: -10)],
                                             minAdjustmentMagnitude: 1, cooldown: 600)))
        #expect(simple.alarms.map(\.name) == ["erato-cpu-idle"])
        #expect(loaded.places["erato-step-out"]?.hasSuffix("erato-scaling.tf:58") == true)
    }

    /// The seed's `erato.tf` reads as written: two target tracking policies and an alarm-less step policy.
    @Test func theSeedPolicies() throws {
        let loaded = try Self.load(FixtureFiles.path("alarms/erato.tf"))
        #expect(loaded.policies.map(\.name) == ["erato-cpu-target-tracking", "erato-requests-per-target", "erato-step-out"])
        #expect(loaded.group.name == "erato-web-asg" && loaded.group.minSize == 3 && loaded.group.maxSize == nil)
        guard case .targetTracking(let cpu) = loaded.policies[0].kind,
              case .targetTracking(let requests) = loaded.policies[1].kind,
              case .step(let step) = loaded.policies[2].kind else {
            Issue.record("policy kinds: \(loaded.policies.map(\.kind.policyType))")
            return
        }
        #expect(cpu.targetValue == 70 && cpu.metric.dimensions == [Dimension("AutoScalingGroupName", "erato-web-asg")])
        #expect(requests.targetValue == 1000 && requests.metric.name == "RequestCountPerTarget")
        #expect(requests.metric.dimensions.map(\.name) == ["TargetGroup"] && requests.metric.unresolvedDimensions == ["TargetGroup"])
        #expect(step.steps == [StepAdjustment(lowerBound: 0, adjustment: 2)] && loaded.policies[2].alarms.isEmpty)
    }

    @Test func anARNInAlarmActionsNamesThePolicy() {
        #expect(TerraformScaling.action("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:ab12:autoScalingGroupName/asg:policyName/out",
                                        names: "x", "out"))
        #expect(TerraformScaling.action("${aws_autoscaling_policy.x.arn}", names: "x", "out"))
        #expect(!TerraformScaling.action("aws_autoscaling_policy.y.arn", names: "x", "out"))
    }

    @Test(arguments: [
        ("policy_type = \"Nope\"", "policy_type: expected TargetTrackingScaling"),
        ("adjustment_type = \"More\"\n  scaling_adjustment = 1", "adjustment_type: expected ChangeInCapacity"),
        ("policy_type = \"StepScaling\"", "StepScaling needs at least one step_adjustment"),
        ("scaling_adjustment = 1.5", "scaling_adjustment: expected a whole number"),
    ])
    func badPoliciesNameFileAndLine(body: String, message: String) {
        let text = "resource \"aws_autoscaling_policy\" \"p\" {\n  name = \"p\"\n  \(body)\n}\n"
        #expect {
            try TerraformScaling.load(files: [("bad.tf", text)])
        } throws: { error in
            let line = "\(error)"
            return line.hasPrefix("bad.tf:") && line.contains("aws_autoscaling_policy.p: \(message)")
        }
    }
}
