import FleetCore
import Foundation
import Testing

@Suite("snapshot JSON: fleets")
struct FleetSnapshotJSONFleetsTests {
    static let end = Date(timeIntervalSince1970: 1_764_432_000)

    static func state(_ name: String, alarm: AlarmState) -> FleetState {
        let info = FleetInfo(name: name, region: "eu-west-1", zones: ["eu-west-1a"], loadBalancer: name + "-alb",
                             autoScalingGroup: name + "-asg")
        var state = FleetState(time: end, fleet: info)
        let points = (0..<5).map { Datapoint(time: end.addingTimeInterval(Double($0 * 60 - 300)), value: 40 + Double($0)) }
        state.apply(FleetUpdate(time: end, metrics: [
            FleetUpdate.Batch(key: PanelMetric.cpu.key(fleet: info), unit: "Percent", points: points),
        ], instances: [Instance(id: "i-1", zone: "eu-west-1a", lifecycle: .inService, health: .unhealthy, cpu: 40)],
           alarms: [AlarmStatus(definition: .eratoHealthCheck(fleet: info), state: alarm, since: end)]))
        return state
    }

    func object(_ json: FleetSnapshotJSON) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.encoded().utf8)) as? [String: Any])
    }

    @Test("one fleet: no fleets key; several: a row each with the overview's fields, the old fields kept")
    func fleets() throws {
        let a = Self.state("alpha", alarm: .alarm), b = Self.state("beta", alarm: .ok)
        var json = FleetSnapshotJSON(state: a, start: Self.end.addingTimeInterval(-3600), end: Self.end, now: Self.end)
        #expect(try object(json)["fleets"] == nil)
        json.addFleets([FleetSummary(a, account: "prod"), FleetSummary(b)], now: Self.end.addingTimeInterval(30))
        let top = try object(json)
        #expect(top["fleet"] as? String == "alpha" && top["metrics"] != nil)
        let rows = try #require(top["fleets"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["alpha", "beta"])
        #expect(rows[0]["account"] as? String == "prod" && rows[1]["account"] == nil)
        #expect(rows[0]["alarm"] as? String == "ALARM" && rows[0]["alarms_firing"] as? [String] == ["erato-health-check-failures"])
        #expect(rows[0]["alarm_just_raised"] as? Bool == true)
        #expect(rows[0]["cpu"] as? Double == 44)
        let spark = try #require(rows[0]["cpu_spark"] as? [Any])
        #expect(spark.count == FleetSummary.sparkMinutes && spark.last as? Double == 44 && spark.first is NSNull)
        let zones = try #require(rows[0]["zones"] as? [[String: Any]])
        #expect(zones.first?["unhealthy"] as? Int == 1)
    }
}
