import FleetCore
import Foundation
import Testing

/// The fleet's real scaling activities (scaling events) as a desired-capacity path, and the join of policies to
/// the dashboard's series.
struct ScalingEventsTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_618_000)

    static func event(_ minute: Int, _ from: Int, _ to: Int, kind: FleetEvent.Kind = .scaling) -> FleetEvent {
        let time = t0.addingTimeInterval(Double(minute * 60))
        return FleetEvent(time: time, kind: kind, text: "At \(ISOTime.string(time)) a monitor alarm TargetTracking-g-AlarmHigh-x "
            + "in state ALARM triggered policy p changing the desired capacity from \(from) to \(to).")
    }

    @Test("a scaling event's capacity change is read from Auto Scaling's wording; other events have none")
    func change() throws {
        let change = try #require(Self.event(14, 6, 8).capacityChange)
        #expect(change.from == 6 && change.to == 8)
        #expect(Self.event(14, 6, 8, kind: .launch).capacityChange == nil)
        #expect(FleetEvent(time: Self.t0, kind: .scaling, text: "Launching a new EC2 instance: i-1 (Successful)").capacityChange == nil)
        #expect(FleetEvent(time: Self.t0, kind: .scaling, text: "… changing the desired capacity from six to 8.").capacityChange == nil)
    }

    @Test("the desired capacity path: the first change's from at the start, each change's to from its time")
    func path() throws {
        let path = try #require(CapacityPath.desired(from: [Self.event(24, 7, 8), Self.event(14, 6, 7)], start: Self.t0))
        #expect(path.steps.map(\.capacity) == [6, 7, 8])
        #expect(path.value(at: Self.t0) == 6 && path.value(at: Self.t0.addingTimeInterval(20 * 60)) == 7)
        #expect(CapacityPath.desired(from: [], start: Self.t0) == nil)
    }

    @Test("join: a policy with data acts; one without, or on a metric never published, is linted")
    func join() {
        let cpu = ScalingMetric(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                dimensions: [Dimension("AutoScalingGroupName", "g")])
        let requests = ScalingMetric(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                                     dimensions: [Dimension("LoadBalancer", "app/x/1")])
        let memory = ScalingMetric(namespace: "CWAgent", name: "mem_used_percent", statistic: "Average")
        let policies = [ScalingPolicy(name: "cpu", kind: .targetTracking(.init(metric: cpu, targetValue: 70))),
                        ScalingPolicy(name: "requests", kind: .targetTracking(.init(metric: requests, targetValue: 1000))),
                        ScalingPolicy(name: "memory", kind: .targetTracking(.init(metric: memory, targetValue: 60))),
                        ScalingPolicy(name: "orphan", kind: .simple(.init(type: .changeInCapacity, steps: [.init(adjustment: 1)])))]
        let points = (0..<30).map { Datapoint(time: Self.t0.addingTimeInterval(Double($0 * 60)), value: 50) }
        let join = ScalingPolicyInput.join(policies, group: "g", assumptions: .standard, model: .proportional) { d in
            d.metricName == "CPUUtilization" ? points : []
        }
        #expect(join.inputs.map(\.policy.name) == ["cpu"])
        #expect(join.inputs[0].alarms.map(\.role) == [.high, .low] && join.inputs[0].alarms.allSatisfy(\.rescaled))
        #expect(join.lint == [
            "requests: never acts: no datapoints for AWS/ApplicationELB RequestCountPerTarget {LoadBalancer=app/x/1}, a metric published per TargetGroup",
            "memory: never acts: no datapoints for CWAgent mem_used_percent {}",
            "orphan: never acts: no alarm's alarm_actions invokes it",
        ])
    }
}
