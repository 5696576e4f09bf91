import FleetCore
import Foundation
import FleetTestSupport
import Testing
@testable import FleetSources

/// Events, errors and latency from the simulator (issue 14).
@Suite("Fleet simulator: events, errors and latency")
struct SimulatorEventsTests {
    static func run(_ scenario: Scenario, minutes: Int) -> FleetState {
        FleetSimulator.run(scenario: scenario, seed: 7, start: Fixture.afternoon, for: TimeInterval(minutes * 60))
    }

    static func total(_ s: Series?, from: Int, to: Int) -> Double {
        (s?.points(from: Fixture.minute(Double(from)), to: Fixture.minute(Double(to))) ?? []).reduce(0) { $0 + $1.value }
    }

    @Test func badDeployServesTarget5XXFromTheFailingThirdAndRaisesP99() throws {
        let state = Self.run(.badDeploy, minutes: 60)
        #expect(Self.total(state.errorSeries(.target5xx), from: 15, to: 17) > 0)
        #expect(Self.total(state.errorSeries(.elb5xx), from: 0, to: 60) == 0)
        #expect(Self.total(state.errorSeries(.target5xx), from: 0, to: 14) == 0)
        let p99 = try #require(state.errorSeries(.responseTimeP99))
        let before = p99.points(from: Fixture.minute(5), to: Fixture.minute(14)).map(\.value).max() ?? 0
        let during = p99.points(from: Fixture.minute(15), to: Fixture.minute(17)).map(\.value).max() ?? 0
        #expect(during > 2 * before)
        // The deployment as an instance refresh, and the failing third's health events.
        let refresh = state.events.events.filter { $0.kind == .refresh }.map(\.text)
        #expect(refresh.first?.hasPrefix("Instance refresh InProgress: 0% complete") == true)
        #expect(refresh.last?.hasPrefix("Instance refresh RollbackSuccessful") == true)
        let down = state.events.events.filter { $0.kind == .health && $0.text == "healthy → unhealthy (Target.ResponseCodeMismatch)" }
        #expect(down.count == 2)
        #expect(state.events.events.contains { $0.kind == .alarm && $0.text.contains("Alarm updated from OK to ALARM") })
    }

    @Test func azOutageGivesELB5XXWhileTheZonesTargetsAreStillInService() throws {
        let state = Self.run(.azOutage, minutes: 40)
        let elb1b = state.errorSeries(.elb5xx, zone: "us-east-1b")
        #expect(Self.total(elb1b, from: 20, to: 22) > 0)
        #expect(Self.total(state.errorSeries(.elb5xx, zone: "us-east-1a"), from: 0, to: 40) == 0)
        // Once the checks have taken 1b's targets out, the ALB stops sending them traffic.
        #expect(Self.total(elb1b, from: 25, to: 39) == 0)
        #expect(Self.total(state.errorSeries(.target5xx), from: 0, to: 40) == 0)
        let timeouts = state.events.events.filter { $0.text == "healthy → unhealthy (Target.Timeout)" && $0.zone == "us-east-1b" }
        #expect(timeouts.count == 2)
        // 1b answers nothing: no response times from it during the outage.
        #expect(state.errorSeries(.responseTimeP50, zone: "us-east-1b")?.points(from: Fixture.minute(21), to: Fixture.minute(39)).isEmpty == true)
        let scaling = try #require(state.events.events.first { $0.kind == .scaling })
        #expect(scaling.text.contains("a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-"))
        #expect(scaling.text.contains("in state ALARM triggered policy erato-target-cpu changing the desired capacity from 6 to"))
        let launches = state.events.events.filter { $0.kind == .launch }
        #expect(!launches.isEmpty)
        #expect(launches.allSatisfy { $0.text.hasPrefix("Launching a new EC2 instance: i-0") && $0.zone != "us-east-1b" })
    }

    @Test func aLaunchActivityTurnsSuccessfulInPlace() {
        let state = Self.run(.trafficSpike, minutes: 120)
        let launches = state.events.events.filter { $0.kind == .launch }
        #expect(!launches.isEmpty)
        #expect(launches.allSatisfy { $0.text.hasSuffix("(Successful)") })
        #expect(Set(launches.compactMap(\.instance)).count == launches.count)
        #expect(state.events.events.contains { $0.kind == .terminate && $0.text.hasPrefix("Terminating EC2 instance: i-0") })
    }

    @Test func aSteadyDayHasNoErrors() {
        let state = Self.run(.steady, minutes: 30)
        #expect(Self.total(state.errorSeries(.target5xx), from: 0, to: 30) == 0)
        #expect(state.fiveXXRate == 0)
        let p50 = state.errorSeries(.responseTimeP50, zone: "us-east-1a")?.latest?.value ?? 0
        #expect(p50 > 0.01 && p50 < 0.2)
    }
}

@Suite("Recordings, version 2: events")
struct RecordingVersionTests {
    @Test func version1FilesStillReplay() throws {
        let recording = try RecordingReader.read(path: FleetTestSupportPath.v1)
        #expect(recording.header.version == 1)
        #expect(recording.warnings.isEmpty)
        let timeline = ReplayTimeline(recording, checkpointStride: 10)
        let state = timeline.state(at: recording.end)
        #expect(state.instances.count == 6)
        #expect(state.events.isEmpty)
    }

    @Test func eventsSurviveTheRoundTrip() throws {
        var sim = FleetSimulator(scenario: .azOutage, seed: 7, start: Fixture.afternoon)
        var encoder = RecordingEncoder()
        var lines = [encoder.headerLine(RecordingHeader(fleet: sim.fleet, sources: [], start: sim.start, stateTime: sim.start))]
        var direct = FleetState(time: sim.start, fleet: sim.fleet)
        for minute in 1...40 {
            sim.advance(to: Fixture.minute(Double(minute)))
            let update = sim.drainUpdate()
            direct.apply(update)
            lines.append(encoder.line(t: sim.now, update: update))
        }
        #expect(lines[0].hasPrefix(#"{"format":"fleetwatch-recording","version":2,"#))
        let recording = try RecordingReader.read(data: Data((lines.joined(separator: "\n") + "\n").utf8), name: "x")
        var replayed = recording.header.initialState
        for u in recording.updates { replayed.apply(u.update) }
        #expect(!direct.events.isEmpty)
        #expect(replayed.events == direct.events)
    }
}

enum FleetTestSupportPath {
    static var v1: String { FixtureFiles.path("recordings/v1-az-outage-head.fwrec") }
}
