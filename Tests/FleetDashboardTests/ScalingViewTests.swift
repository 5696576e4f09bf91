import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("The preview's scaling view")
struct ScalingViewTests {
    /// The fixture fleet (CPU rising from about 40 % to 75 % over the outage's second half) with a CPU target
    /// tracking policy, a step policy on a CPU alarm, a request policy that can never act, and two real
    /// scaling events.
    static func settings() -> ScalingSettings {
        let group = Fixtures.fleet.autoScalingGroup
        let cpu = ScalingMetric.predefined("ASGAverageCPUUtilization", group: group, resourceLabel: nil)!
        let requests = ScalingMetric(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                                     dimensions: [Dimension("LoadBalancer", "app/erato-backend-alb/50dc6c495c0c9188")])
        let stepAlarm = AlarmDefinition(name: "erato-cpu-step", namespace: "AWS/EC2", metricName: "CPUUtilization",
                                        dimensions: [Dimension("AutoScalingGroupName", group)], statistic: "Average", period: 60,
                                        evaluationPeriods: 2, threshold: 85, comparison: .greaterThanOrEqualToThreshold)
        return ScalingSettings(policies: [
            ScalingPolicy(name: "erato-target-cpu", kind: .targetTracking(.init(metric: cpu, targetValue: 60))),
            ScalingPolicy(name: "request_count", kind: .targetTracking(.init(metric: requests, targetValue: 1000, disableScaleIn: true))),
            ScalingPolicy(name: "erato-step-out", kind: .step(.init(type: .changeInCapacity, steps: [
                StepAdjustment(lowerBound: 0, upperBound: 10, adjustment: 1), StepAdjustment(lowerBound: 10, adjustment: 3)])),
                          estimatedInstanceWarmup: 120, alarms: [stepAlarm]),
        ], group: ScalingGroup(name: group, minSize: 3, maxSize: 12, desiredCapacity: 9, defaultInstanceWarmup: 180),
           origin: "erato-scaling.tf")
    }

    static func event(minute: Int, _ from: Int, _ to: Int) -> FleetEvent {
        let time = Fixtures.end.addingTimeInterval(Double((minute - 60) * 60))
        return FleetEvent(time: time, kind: .scaling, text: "At \(ISOTime.string(time)) a monitor alarm "
            + "TargetTracking-erato-backend-asg-AlarmHigh-55d20eb3 in state ALARM triggered policy erato-target-cpu "
            + "changing the desired capacity from \(from) to \(to).")
    }

    static func dashboard(width: Int = 160, height: Int = 48, alarms: Bool = true) -> DashboardState {
        var state = Fixtures.outageState()
        state.apply(FleetUpdate(events: [event(minute: 41, 9, 10), event(minute: 52, 10, 11)]))
        if !alarms { state.alarms = [] }
        var s = DashboardState(fleet: state, now: Fixtures.end, width: width, height: height)
        s.scaling = settings()
        return s
    }

    static func opened(width: Int = 160, height: Int = 48) -> DashboardState {
        var s = dashboard(width: width, height: height)
        s.update(.key(.char("a")))
        s.update(.key(.char("v")))
        return s
    }

    @Test("v in the alarm preview opens the scaling view; the CPU policy scales out as the CPU passes its target")
    func opens() throws {
        let s = Self.opened()
        let view = try #require(s.scalingWhatIf)
        #expect(s.screenMode == .scaling)
        #expect(view.selected == 0)
        let outcome = try #require(view.asDefined)
        #expect(outcome.inputs.map(\.policy.name) == ["erato-target-cpu", "erato-step-out"])
        #expect(outcome.lint == ["request_count: never acts: no datapoints for AWS/ApplicationELB RequestCountPerTarget "
            + "{LoadBalancer=app/erato-backend-alb/50dc6c495c0c9188}, a metric published per TargetGroup"])
        let out = outcome.preview.activities.filter { $0.to > $0.from }
        #expect(!out.isEmpty && out.allSatisfy { $0.policy == "erato-target-cpu" })
        #expect(outcome.initialCapacity == 9)   // the real path's start: the first event's "from"
        #expect(view.real.activities.count == 2)
        #expect(view.real.capacity?.steps.map(\.capacity) == [9, 10, 11])
    }

    @Test("a with no alarms opens the scaling view; v without policies says where they come from")
    func entries() throws {
        var s = Self.dashboard(alarms: false)
        s.update(.key(.char("a")))
        #expect(s.scalingWhatIf != nil && s.preview == nil)
        s.update(.key(.char("v")))
        #expect(s.scalingWhatIf == nil && s.screenMode == .live)
        var bare = DashboardState(fleet: Fixtures.outageState(), now: Fixtures.end, width: 160, height: 48)
        bare.update(.key(.char("a")))
        bare.update(.key(.char("v")))
        #expect(bare.scalingWhatIf == nil && bare.preview != nil)
        #expect(bare.notice?.hasPrefix("no scaling policies to preview") == true)
    }

    @Test("the what-if keys change the edited policies and group, never the policies as given", arguments: [
        (Key.up, "target 61"), (Key.down, "target 59"), (Key.pageUp, "target 70"), (Key.pageDown, "target 50"),
        (Key.char("r"), "ratio 0.95"), (Key.char("R"), "ratio 0.85"), (Key.char("i"), "warm-up 240"),
        (Key.char("I"), "warm-up 120"), (Key.char("m"), "limits 4–12"), (Key.char("M"), "limits 2–12"),
        (Key.char("x"), "limits 3–13"), (Key.char("X"), "limits 3–11"), (Key.char("d"), "scale-in off"),
    ])
    func keys(key: Key, expected: String) throws {
        var s = Self.opened()
        s.update(.key(key))
        let view = try #require(s.scalingWhatIf)
        #expect(Self.describe(view) == expected)
        #expect(view.original == Self.settings())
        s.update(.key(.char("u")))
        #expect(s.scalingWhatIf?.changed == false)
    }

    /// What differs between the edited settings and the given ones, in a few words.
    static func describe(_ view: ScalingWhatIf) -> String {
        let (a, b) = (view.original, view.edited)
        if a.group != b.group { return "limits \(b.group.minSize)–\(b.group.maxSize)" }
        if a.assumptions != b.assumptions { return "ratio \(b.assumptions.lowRatio)" }
        guard case .targetTracking(let c) = b.policies[0].kind, case .targetTracking(let o) = a.policies[0].kind else { return "?" }
        if c.targetValue != o.targetValue { return "target \(Chart.trim(c.targetValue))" }
        if c.disableScaleIn != o.disableScaleIn { return "scale-in \(c.disableScaleIn ? "off" : "on")" }
        if b.policies[0].estimatedInstanceWarmup != a.policies[0].estimatedInstanceWarmup {
            return "warm-up \(b.policies[0].estimatedInstanceWarmup ?? -1)"
        }
        return "unchanged"
    }

    @Test("a lower target simulates again: more capacity than as defined, which stays as it was")
    func lowerTarget() throws {
        var s = Self.opened()
        let before = try #require(s.scalingWhatIf?.asDefined?.preview)
        s.update(.key(.pageDown))
        s.update(.key(.pageDown))
        let view = try #require(s.scalingWhatIf)
        let after = try #require(view.whatIf?.preview)
        #expect(view.asDefined?.preview == before)
        #expect(after.instanceHours > before.instanceHours)
        #expect(after.peakCapacity >= before.peakCapacity)
    }

    @Test("Tab selects the next policy; the step policy's keys that do not apply change nothing")
    func nextPolicy() throws {
        var s = Self.opened()
        s.update(.key(.tab))
        s.update(.key(.tab))
        #expect(s.scalingWhatIf?.selected == 2)
        s.update(.key(.up))
        #expect(s.notice == "erato-step-out is a StepScaling policy: the target and disable_scale_in are target tracking's (Tab: next policy)")
        s.update(.key(.char("d")))
        #expect(s.scalingWhatIf?.changed == false)
        s.update(.key(.char("i")))
        #expect(s.scalingWhatIf?.edited.policies[2].estimatedInstanceWarmup == 180)
        #expect(s.view().text.contains("erato-step-out"))
    }

    @Test("w returns the export effect with the edited policy; the written text shows until the next key")
    func export() throws {
        var s = Self.opened()
        s.update(.key(.down))
        s.update(.key(.char("X")))
        let effects = s.update(.key(.char("w")))
        guard case .exportScaling(let policy, let group, let notes) = try #require(effects.first), effects.count == 1 else {
            Issue.record("expected one scaling export, got \(effects)")
            return
        }
        guard case .targetTracking(let c) = policy.kind else { Issue.record("not target tracking"); return }
        #expect(policy.name == "erato-target-cpu" && c.targetValue == 59 && group == "erato-backend-asg")
        #expect(notes == ["the group (aws_autoscaling_group erato-backend-asg): min_size = 3, max_size = 11 (was 3, 12)"])
        #expect(s.view().text.contains("writing…"))
        s.update(.exported("resource \"aws_autoscaling_policy\" \"erato_target_cpu\" {\n    target_value     = 59\n}"))
        #expect(s.view().text.contains("    target_value     = 59"))
        s.update(.key(.char("z")))
        #expect(!s.view().text.contains("Export") && s.scalingWhatIf != nil)
    }

    @Test("v goes back to the alarm preview; Esc leaves both")
    func leave() {
        var s = Self.opened()
        s.update(.key(.char("v")))
        #expect(s.scalingWhatIf == nil && s.preview != nil && s.screenMode == .preview)
        s.update(.key(.char("v")))
        s.update(.key(.escape))
        #expect(s.scalingWhatIf == nil && s.preview == nil && s.screenMode == .live)
    }

    @Test("without scaling events: the simulation starts at the instances in service, and says there is nothing real to compare")
    func noEvents() throws {
        var s = DashboardState(fleet: Fixtures.outageState(), now: Fixtures.end, width: 160, height: 48)
        s.scaling = Self.settings()
        s.scaling?.group.desiredCapacity = 4
        s.update(.key(.char("a")))
        s.update(.key(.char("v")))
        let view = try #require(s.scalingWhatIf)
        #expect(view.asDefined?.initialCapacity == 9)   // nine InService (one more Pending)
        #expect(view.real.capacity == nil && view.real.activities.isEmpty)
        #expect(s.view().text.contains("none in the data"))
    }

    @Test("new data simulates again")
    func newData() throws {
        var s = Self.opened()
        var fleet = s.fleet
        fleet.apply(FleetUpdate(events: [Self.event(minute: 58, 11, 12)]))
        s.update(.fleet(fleet))
        #expect(s.scalingWhatIf?.real.activities.count == 3)
    }

    @Test("scaling view frame", arguments: [(160, 48), (80, 24)])
    func frame(width: Int, height: Int) throws {
        var s = Self.opened(width: width, height: height)
        s.update(.key(.pageDown))
        s.update(.key(.char("r")))
        try expectFrame(s.view(), named: "scaling-\(width)x\(height)")
    }
}
