import FleetCore
import Foundation
import Testing

@Suite("Alarms going to ALARM (on_alarm's rule)")
struct AlarmRaisedTests {
    static let fleet = FleetInfo(name: "erato", region: "us-east-1", zones: ["us-east-1a"], loadBalancer: "alb",
                                 autoScalingGroup: "asg")

    static func alarm(_ name: String, _ state: AlarmState) -> AlarmStatus {
        var definition = AlarmDefinition.eratoHealthCheck(fleet: fleet)
        definition.name = name
        return AlarmStatus(definition: definition, state: state)
    }

    @Test("OK or INSUFFICIENT_DATA to ALARM is raised; staying in ALARM, first seen in ALARM and leaving are not")
    func transitions() {
        let before = [Self.alarm("a", .ok), Self.alarm("b", .insufficientData), Self.alarm("c", .alarm),
                      Self.alarm("d", .ok)]
        let now = [Self.alarm("a", .alarm), Self.alarm("b", .alarm), Self.alarm("c", .alarm), Self.alarm("d", .ok),
                   Self.alarm("e", .alarm)]
        #expect(AlarmStatus.raised(from: before, to: now).map(\.name) == ["a", "b"])
        #expect(AlarmStatus.raised(from: now, to: before).isEmpty)
        #expect(AlarmStatus.raised(from: [], to: now).isEmpty)
    }
}
