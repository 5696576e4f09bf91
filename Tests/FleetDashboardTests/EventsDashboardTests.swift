import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

extension Fixtures {
    /// The outage fixture with errors, latency and events: 1b's timeouts, ELB 5XX from 1b while its
    /// targets were still in service, a scale-out and its launch, the alarm.
    static func eventfulState() -> FleetState {
        var state = outageState()
        let minutes = 60, outageStart = 30
        var batches: [FleetUpdate.Batch] = []
        func series(_ metric: ErrorMetric, zone: String?, _ f: (Int) -> Double?) {
            let points = (0..<minutes).compactMap { m in
                f(m).map { Datapoint(time: end.addingTimeInterval(Double((m - minutes) * 60)), value: $0) }
            }
            batches.append(FleetUpdate.Batch(key: metric.key(fleet: fleet, zone: zone), unit: metric.unit, points: points))
        }
        for (i, zone) in fleet.zones.enumerated() {
            let dark = zone == "us-east-1b"
            series(.elb5xx, zone: zone) { m in dark && (outageStart..<outageStart + 2).contains(m) ? 800 : 0 }
            series(.target5xx, zone: zone) { m in m >= 55 ? 10 : 0 }
            series(.responseTimeP50, zone: zone) { m in dark && m >= outageStart ? nil : 0.04 + Double(i) * 0.005 }
            series(.responseTimeP99, zone: zone) { m in dark && m >= outageStart ? nil : 0.15 + Double(m % 5) * 0.01 }
        }
        func at(_ m: Int, _ s: Int = 0) -> Date { end.addingTimeInterval(Double((m - minutes) * 60 + s)) }
        var events: [FleetEvent] = []
        for (n, id) in (0..<3).map { "i-01\($0)" + String(repeating: "ab", count: 7) + "c" }.enumerated() {
            events.append(.healthChange(time: at(outageStart, 65 + 10 * n), instance: id, zone: "us-east-1b",
                                        from: .healthy, to: .unhealthy, reason: "Target.Timeout"))
        }
        events.append(.alarmChange(name: "erato-health-check-failures", from: .ok, to: .alarm, time: at(50),
                                   reason: "Threshold Crossed: 2 out of the last 2 datapoints were greater than the threshold (1.0)"))
        events.append(FleetEvent(time: at(35), kind: .scaling,
                                 text: "At 2025-11-29T15:35:00Z a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-0d6c2a3e-1f0b-4c51-9e0e-3b9b3c1f2a77 in state ALARM triggered policy erato-target-cpu changing the desired capacity from 9 to 10."))
        events.append(FleetEvent(time: at(35), kind: .launch, zone: "us-east-1a", instance: "i-0f00000000000001a",
                                 text: "Launching a new EC2 instance: i-0f00000000000001a (InProgress)"))
        state.apply(FleetUpdate(metrics: batches, events: events))
        return state
    }

    static func eventful(width: Int, height: Int) -> DashboardState {
        DashboardState(fleet: eventfulState(), now: end, width: width, height: height)
    }
}

@Suite("Events, errors and latency on screen")
struct EventsDashboardTests {
    @Test("a large screen shows six panels: errors and latency, and events, newest first")
    func largeScreen() throws {
        let state = Fixtures.eventful(width: 200, height: 60)
        #expect(ScreenLayout(width: 200, height: 60).isLarge)
        let canvas = state.view()
        try expectFrame(canvas, named: "events-large-200x60")
        #expect(canvas.text.contains("5XX 0.4%"))
    }

    @Test("small screens: l cycles the lower-left panel between unhealthy hosts and errors")
    func lowerLeftCycle() throws {
        var state = Fixtures.eventful(width: 120, height: 36)
        let before = state.view().lines
        state.update(.key(.char("l")))
        #expect(state.lowerLeft == .errors)
        try expectFrame(state.view(), named: "errors-lower-left-120x36")
        state.update(.key(.tab))
        state.update(.key(.tab))
        #expect(state.focus == .errors)
        state.update(.key(.char("l")))
        #expect(state.view().lines.count == before.count)
        #expect(state.lowerLeft == .unhealthy)
    }

    @Test("small screens: e shows the events overlay, newest first; Esc hides it")
    func eventsOverlay() throws {
        var state = Fixtures.eventful(width: 100, height: 30)
        state.update(.key(.char("e")))
        try expectFrame(state.view(), named: "events-overlay-100x30")
        state.update(.key(.escape))
        #expect(!state.showEvents)
    }

    @Test("arrows move a cursor over the instance rows; Enter opens the instance; Esc goes back")
    func instanceView() throws {
        var state = Fixtures.eventful(width: 160, height: 48)
        for _ in 0..<3 { state.update(.key(.tab)) }
        #expect(state.focus == .instances)
        for _ in 0..<4 { state.update(.key(.down)) }
        #expect(state.focus == .instances)
        try expectFrame(state.view(), named: "instance-cursor-160x48")
        state.update(.key(.enter))
        #expect(state.openInstance == "i-010" + String(repeating: "ab", count: 7) + "c")
        #expect(state.keyMode == .instance)
        try expectFrame(state.view(), named: "instance-view-160x48")
        state.update(.key(.escape))
        #expect(state.openInstance == nil)
        #expect(state.keyMode == .live)
    }

    @Test("the instance view on a small screen: charts over its events")
    func instanceViewSmall() throws {
        var state = Fixtures.eventful(width: 80, height: 24)
        state.focus = .instances
        state.cursor = 4
        state.update(.key(.enter))
        try expectFrame(state.view(), named: "instance-view-80x24")
    }

    @Test("event marks on the charts' time axis")
    func marks() {
        let text = Fixtures.eventful(width: 160, height: 48).view().text
        #expect(text.contains("▴"))
        #expect(!Fixtures.dashboard(width: 160, height: 48).view().text.contains("▴"))
    }
}
