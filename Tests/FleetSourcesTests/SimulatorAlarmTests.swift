import FleetCore
import Foundation
import Testing
@testable import FleetSources

@Suite("Fleet simulator: health-check alarm")
struct SimulatorAlarmTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var scenario: Scenario
        /// Minute after the start (13:00 UTC) → state and, when it changed there, the minute it changed.
        var checkpoints: [(minute: Int, state: AlarmState, since: Int?)]
        var testDescription: String { scenario.rawValue }
    }

    static let cases: [Expected] = [
        Expected(scenario: .steady, checkpoints: [(4, .insufficientData, nil), (5, .ok, 5), (180, .ok, 5)]),
        // 1b unhealthy from ~13:21: periods 13:20 and 13:25 both have Maximum 2 > 1 → ALARM at 13:30.
        // Healthy again at ~14:21: period 14:20 still breaches, 14:25 does not → OK at 14:30.
        Expected(scenario: .azOutage, checkpoints: [(20, .ok, 5), (29, .ok, 5), (30, .alarm, 30), (89, .alarm, 30),
                                                    (90, .ok, 90), (180, .ok, 90)]),
        // The batch is unhealthy from ~13:16: periods 13:15 and 13:20 breach → ALARM at 13:25;
        // healthy again at ~13:46: period 13:50 is clean → OK at 13:55.
        Expected(scenario: .badDeploy, checkpoints: [(24, .ok, 5), (25, .alarm, 25), (54, .alarm, 25), (55, .ok, 55)]),
        Expected(scenario: .trafficSpike, checkpoints: [(120, .ok, 5)]),
    ]

    @Test(arguments: cases)
    func alarmFollowsTheUnhealthyHostCount(_ expected: Expected) {
        var run = Recorder(expected.scenario)
        for checkpoint in expected.checkpoints {
            run.advance(toMinute: checkpoint.minute)
            let alarm = run.state.alarms.first
            #expect(alarm?.name == "erato-health-check-failures")
            #expect(alarm?.state == checkpoint.state, "minute \(checkpoint.minute)")
            #expect(alarm?.since == checkpoint.since.map { Fixture.minute(Double($0)) }, "minute \(checkpoint.minute)")
        }
    }

    @Test func alarmReasonSaysWhy() {
        var run = Recorder(.azOutage)
        run.advance(toMinute: 4)
        #expect(run.state.alarms.first?.reason == "Unchecked: Initial alarm creation")
        run.advance(toMinute: 31)
        let reason = run.state.alarms.first?.reason ?? ""
        #expect(reason.hasPrefix("Threshold Crossed"), "\(reason)")
        #expect(reason.contains("2 out of the last 2"), "\(reason)")
        #expect(reason.contains("OK -> ALARM"), "\(reason)")
        // The reason stays the one of the last change while the state holds.
        run.advance(toMinute: 60)
        #expect(run.state.alarms.first?.reason == reason)
    }
}
