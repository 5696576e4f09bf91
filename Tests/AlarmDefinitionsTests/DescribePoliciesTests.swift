import AWSFormats
import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AlarmDefinitions

/// `aws autoscaling describe-policies` (real CLI output against moto, scripts/make-scaling-fixtures.sh) reads as
/// the same policies as the Terraform that describes them.
struct DescribePoliciesTests {
    @Test func theSamePoliciesAsTheTerraform() throws {
        let json = try ScalingPolicyLoader.load(path: FixtureFiles.path("scaling/describe-policies.json"),
                                                alarms: AlarmDefinitionLoader.load(path: FixtureFiles.path("scaling/describe-alarms.json")))
        let terraform = try TerraformScaling.load(path: FixtureFiles.path("scaling/erato-scaling.tf"))
        #expect(json.group.name == "erato-backend-asg")
        #expect(json.policies.map(\.name) == terraform.policies.map(\.name))
        #expect(json.policies.map(\.kind) == terraform.policies.map(\.kind))
        // The alarms come from describe-alarms, attached by their AlarmActions (the policies' ARNs).
        #expect(json.policies.map { $0.alarms.map(\.name) } == [[], [], ["erato-cpu-step"], ["erato-cpu-idle"]])
        #expect(json.policies.map { $0.alarms.map(\.threshold) } == terraform.policies.map { $0.alarms.map(\.threshold) })
    }

    @Test func anotherCommandsOutputIsRefused() {
        for name in ["describe-alarms.json", "describe-auto-scaling-groups.json"] {
            let path = FixtureFiles.path("scaling/\(name)")
            #expect {
                try ScalingPolicyLoader.load(path: path)
            } throws: { error in
                "\(error)" == "\(path): not the output of `aws autoscaling describe-policies` (no ScalingPolicies)"
            }
        }
    }

    @Test func aWrongFieldNamesItsPath() {
        let text = #"{"ScalingPolicies": [{"PolicyName": "p", "PolicyType": "StepScaling", "AdjustmentType": "Lots", "StepAdjustments": [{"ScalingAdjustment": 1}]}]}"#
        var warnings: [String] = []
        #expect {
            try CloudWatchFiles.decodeScalingPolicies(Array(text.utf8), file: "p.json", warnings: &warnings)
        } throws: { error in
            "\(error)" == "p.json: ScalingPolicies[0].AdjustmentType: unknown adjustment type \"Lots\""
        }
    }
}

/// The group's limits from `describe-auto-scaling-groups` (the same real-CLI capture).
struct ScalingGroupFileTests {
    @Test func limitsAndCooldownFromTheGroup() throws {
        let loaded = try ScalingPolicyLoader.load(path: FixtureFiles.path("scaling/describe-policies.json"),
                                                  groupFile: FixtureFiles.path("scaling/describe-auto-scaling-groups.json"))
        #expect(loaded.group == .init(name: "erato-backend-asg", minSize: 3, maxSize: 12, desiredCapacity: 6,
                                      defaultInstanceWarmup: nil, defaultCooldown: 300))
    }

    @Test func describePoliciesIsNotAGroupFile() {
        let path = FixtureFiles.path("scaling/describe-policies.json")
        #expect {
            try ScalingPolicyLoader.load(path: path, groupFile: path)
        } throws: { error in
            "\(error)" == "\(path): not the output of `aws autoscaling describe-auto-scaling-groups` (no AutoScalingGroups)"
        }
    }
}
