import FleetCore
import Foundation
import Testing

@Suite struct EventLogTests {
    static func at(_ s: Int) -> Date { Date(timeIntervalSince1970: 1_780_000_000 + TimeInterval(s)) }

    @Test func keepsTimeOrderAndTheNewestFirstView() {
        var log = EventLog()
        log.insert(FleetEvent(time: Self.at(10), kind: .launch, instance: "i-1", text: "b"))
        log.insert(FleetEvent(time: Self.at(0), kind: .scaling, text: "a"))
        log.insert(FleetEvent(time: Self.at(20), kind: .terminate, instance: "i-2", text: "c"))
        #expect(log.events.map(\.text) == ["a", "b", "c"])
        #expect(log.newestFirst(limit: 2).map(\.text) == ["c", "b"])
        #expect(log.newestFirst(instance: "i-1").map(\.text) == ["b"])
        #expect(log.events(from: Self.at(5), to: Self.at(20)).map(\.text) == ["b", "c"])
    }

    @Test func repeatsAddNothingAndAnIdReplaces() {
        var log = EventLog()
        let e = FleetEvent(time: Self.at(0), kind: .alarm, text: "Alarm updated from OK to ALARM")
        log.insert(e)
        log.insert(e)
        log.insert(FleetEvent(time: Self.at(1), kind: .scaling, text: "InProgress", id: "act-1"))
        log.insert(FleetEvent(time: Self.at(1), kind: .scaling, text: "Successful", id: "act-1"))
        #expect(log.events.map(\.text) == ["Alarm updated from OK to ALARM", "Successful"])
    }

    @Test func isBoundedByItsCeiling() {
        var log = EventLog(capacity: 3)
        for i in 0..<5 { log.insert(FleetEvent(time: Self.at(i), kind: .launch, text: "\(i)")) }
        #expect(log.events.map(\.text) == ["2", "3", "4"])
        #expect(EventLog.defaultCapacity == 2000)
    }

    @Test func healthEventsComeFromTheOneMachine() {
        var machine = TargetHealthMachine.healthy(healthyThreshold: 3, unhealthyThreshold: 2)
        #expect(machine.record(.timeout, at: Self.at(0), instance: "i-1", zone: "us-east-1b") == nil)
        let down = machine.record(.timeout, at: Self.at(30), instance: "i-1", zone: "us-east-1b")
        #expect(down == FleetEvent(time: Self.at(30), kind: .health, zone: "us-east-1b", instance: "i-1",
                                   text: "healthy → unhealthy (Target.Timeout)"))
        #expect(machine.record(nil, at: Self.at(60), instance: "i-1", zone: nil) == nil)
        #expect(machine.record(nil, at: Self.at(90), instance: "i-1", zone: nil) == nil)
        #expect(machine.record(nil, at: Self.at(120), instance: "i-1", zone: nil)?.text == "unhealthy → healthy")
    }

    @Test func healthChangesBetweenTwoReads() {
        let old = [Instance(id: "i-1", zone: "a", lifecycle: .inService, health: .healthy),
                   Instance(id: "i-2", zone: "b", lifecycle: .inService, health: .healthy)]
        let new = [Instance(id: "i-1", zone: "a", lifecycle: .inService, health: .unhealthy, reason: "Target.Timeout"),
                   Instance(id: "i-2", zone: "b", lifecycle: .inService, health: .healthy),
                   Instance(id: "i-3", zone: "b", lifecycle: .inService, health: .initial)]
        let events = FleetEvent.healthChanges(from: old, to: new, at: Self.at(0))
        #expect(events.map(\.text) == ["healthy → unhealthy (Target.Timeout)"])
        #expect(events.first?.instance == "i-1")
    }

    @Test func errorMetricsAreReadByNameAndStatistic() {
        let p99 = MetricKey(namespace: "AWS/ApplicationELB", name: "TargetResponseTime", statistic: "p99")
        #expect(ErrorMetric(key: p99) == .responseTimeP99)
        let avg = MetricKey(namespace: "AWS/ApplicationELB", name: "TargetResponseTime", statistic: "Average")
        #expect(ErrorMetric(key: avg) == nil)
        #expect(ErrorMetric(key: MetricKey(namespace: "AWS/ApplicationELB", name: "HTTPCode_ELB_5XX_Count",
                                           statistic: "Sum")) == .elb5xx)
    }

    @Test func fiveXXRateAndPerZoneCombination() {
        let fleet = FleetInfo(name: "f", region: "r", zones: ["a", "b"], loadBalancer: "lb", autoScalingGroup: "g")
        var state = FleetState(time: Self.at(60), fleet: fleet)
        let t = Self.at(0)
        state.apply(FleetUpdate(metrics: [
            .init(key: PanelMetric.requests.key(fleet: fleet), unit: "Count", points: [Datapoint(time: t, value: 1000)]),
            .init(key: ErrorMetric.target5xx.key(fleet: fleet, zone: "a"), unit: "Count", points: [Datapoint(time: t, value: 30)]),
            .init(key: ErrorMetric.target5xx.key(fleet: fleet, zone: "b"), unit: "Count", points: [Datapoint(time: t, value: 10)]),
            .init(key: ErrorMetric.elb5xx.key(fleet: fleet, zone: "b"), unit: "Count", points: [Datapoint(time: t, value: 10)]),
            .init(key: ErrorMetric.responseTimeP99.key(fleet: fleet, zone: "a"), unit: "Seconds", points: [Datapoint(time: t, value: 0.2)]),
            .init(key: ErrorMetric.responseTimeP99.key(fleet: fleet, zone: "b"), unit: "Seconds", points: [Datapoint(time: t, value: 1.5)]),
        ]))
        #expect(state.errorSeries(.target5xx)?.latest?.value == 40)
        #expect(state.errorSeries(.responseTimeP99)?.latest?.value == 1.5)
        #expect(state.fiveXXRate == 0.05)
    }
}
