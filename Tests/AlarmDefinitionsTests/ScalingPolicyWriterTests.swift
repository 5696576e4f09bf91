import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AlarmDefinitions

/// The `aws_autoscaling_policy` writer: what it writes reads back, by ``TerraformScaling``, as the same policy.
struct ScalingPolicyWriterTests {
    static func roundTrip(_ policy: ScalingPolicy, group: String = "erato-backend-asg") throws -> ScalingPolicy? {
        let text = policy.terraform(group: group)
        let loaded = try TerraformScaling.load(files: [("written.tf", text)])
        #expect(loaded.notes.isEmpty, "notes: \(loaded.notes)\n\(text)")
        return loaded.policies.first
    }

    @Test("the scaling fixture's four policies, written and read back, are the same policies")
    func fixturePolicies() throws {
        let loaded = try TerraformScaling.load(path: FixtureFiles.path("scaling/erato-scaling.tf"))
        #expect(loaded.policies.count == 4)
        for policy in loaded.policies {
            #expect(try Self.roundTrip(policy) == policy, "\(policy.terraform(group: "erato-backend-asg"))")
        }
    }

    @Test("describe-policies' policies (moto), written and read back, are the same policies")
    func describePolicies() throws {
        let loaded = try ScalingPolicyLoader.load(path: FixtureFiles.path("scaling/describe-policies.json"))
        #expect(!loaded.policies.isEmpty)
        for policy in loaded.policies {
            #expect(try Self.roundTrip(policy) == policy, "\(policy.terraform(group: "erato-backend-asg"))")
        }
    }

    @Test("what-if edits (target, scale-in, warm-up, disabled) survive; a computed dimension stays an expression")
    func edited() throws {
        var metric = ScalingMetric(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                                   dimensions: [Dimension("TargetGroup", "aws_lb_target_group.erato.arn_suffix")],
                                   unresolvedDimensions: ["TargetGroup"])
        let policy = ScalingPolicy(name: "erato \"requests\"", kind: .targetTracking(.init(metric: metric, targetValue: 812.5,
                                                                                        disableScaleIn: true)),
                                   estimatedInstanceWarmup: 240, enabled: false)
        #expect(try Self.roundTrip(policy) == policy)
        let text = policy.terraform(group: "g")
        #expect(text.hasPrefix("resource \"aws_autoscaling_policy\" \"erato__requests_\" {"))
        #expect(text.contains("        value = aws_lb_target_group.erato.arn_suffix\n"))
        #expect(text.contains("    target_value     = 812.5\n    disable_scale_in = true\n"))
        metric.unresolvedDimensions = []
        metric.dimensions = [Dimension("AutoScalingGroupName", "g")]
        metric.namespace = "AWS/EC2"
        metric.name = "CPUUtilization"
        metric.statistic = "Average"
        let cpu = ScalingPolicy(name: "cpu", kind: .targetTracking(.init(metric: metric, targetValue: 60)))
        #expect(cpu.terraform(group: "g").contains("predefined_metric_type = \"ASGAverageCPUUtilization\""))
        #expect(try Self.roundTrip(cpu, group: "g") == cpu)
    }

    @Test("the target tracking policy as the scaling view writes it, whole")
    func wholeText() throws {
        let loaded = try TerraformScaling.load(path: FixtureFiles.path("scaling/erato-scaling.tf"))
        var policy = loaded.policies[0]
        guard case .targetTracking(var c) = policy.kind else { Issue.record("not target tracking"); return }
        c.targetValue = 60
        policy.kind = .targetTracking(c)
        #expect(policy.terraform(group: "erato-backend-asg") == """
            resource "aws_autoscaling_policy" "erato_target_cpu" {
              name                      = "erato-target-cpu"
              autoscaling_group_name    = "erato-backend-asg"
              policy_type               = "TargetTrackingScaling"

              target_tracking_configuration {
                predefined_metric_specification {
                  predefined_metric_type = "ASGAverageCPUUtilization"
                }
                target_value     = 60
              }
            }
            """)
    }

    @Test("the group from loaded settings: a maximum Terraform computes is an error naming the file")
    func group() throws {
        var loaded = LoadedScaling()
        loaded.group.name = "g"
        loaded.group.minSize = 2
        #expect(throws: InputError.self) { try loaded.scalingGroup(file: "p.tf") }
        let group = try loaded.scalingGroup(file: "p.tf", maxSize: 9)
        #expect(group == ScalingGroup(name: "g", minSize: 2, maxSize: 9))
        #expect(throws: InputError.self) { try loaded.scalingGroup(file: "p.tf", minSize: 10, maxSize: 9) }
    }
}
