import FleetCore
@testable import FleetSources
import Foundation
import Testing

@Suite("Configuration of several fleets")
struct FleetsConfigTests {
    func parse(_ text: String) throws -> FleetConfig {
        try FleetConfig.parse(text, file: "fleets.yaml", baseDirectory: URL(fileURLWithPath: "/etc/fleetwatch"))
    }

    @Test("fleets take the top-level sources and alarms unless they name their own")
    func defaults() throws {
        let config = try parse("""
            fleets:
              - {name: erato-backend, region: us-east-1, profile: prod}
              - name: erato-backend-eu
                region: eu-west-1
                zones: [eu-west-1a, eu-west-1b]
                profile: prod
                target_group: erato-eu-tg
              - name: erato-staging
                account: staging
                sources: [{kind: mock, scenario: bad-deploy}]
                alarms: staging.tf
            sources: [{kind: mock}]
            alarms: alarms.tf
            on_alarm: {bell: true, command: [notify-send, fleetwatch]}
            """)
        #expect(config.fleets.map(\.fleet.name) == ["erato-backend", "erato-backend-eu", "erato-staging"])
        #expect(config.isMultiFleet)
        #expect(config.fleets[1].fleet.zones == ["eu-west-1a", "eu-west-1b"])
        #expect(config.fleets[1].targetGroup == "erato-eu-tg")
        #expect(config.fleets.map(\.profile) == ["prod", "prod", nil])
        #expect(config.fleets[2].account == "staging")
        #expect(try config.fleets[0].sources[0].settings["scenario"]?.string() == nil)
        #expect(try config.fleets[2].sources[0].settings["scenario"]?.string() == "bad-deploy")
        #expect(try config.fleets[0].alarms?.string() == "alarms.tf")
        #expect(try config.fleets[2].alarms?.string() == "staging.tf")
        #expect(config.onAlarm == OnAlarm(bell: true, command: ["notify-send", "fleetwatch"]))
        // The first fleet stands for the file where one fleet is meant.
        #expect(config.fleet.name == "erato-backend")
    }

    @Test("a fleet's own scaling: is its; the others take the top-level scaling:")
    func scalingPerFleet() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scaling")
        let config = try FleetConfig.parse("""
            fleets:
              - {name: erato-backend}
              - {name: erato-eu, scaling: describe-policies.json}
            sources: [{kind: mock}]
            scaling: erato-scaling.tf
            """, file: "fleets.yaml", baseDirectory: fixtures)
        #expect(config.fleets[0].scaling == nil)
        let eu = try #require(try config.loadScaling(for: config.fleets[1]))
        #expect(eu.file.hasSuffix("describe-policies.json"))
        let first = try #require(try config.loadScaling(for: config.fleets[0]))
        #expect(first.file.hasSuffix("erato-scaling.tf"))
        #expect(try config.loadScaling()?.file == first.file)
        #expect(!eu.loaded.policies.isEmpty && !first.loaded.policies.isEmpty)
    }

    @Test("a one-fleet file is one entry, not the overview")
    func single() throws {
        let config = try parse("fleet: {name: solo}\nsources: [{kind: mock}]\n")
        #expect(config.fleets.count == 1)
        #expect(!config.isMultiFleet)
        #expect(config.fleet.name == "solo")
    }

    @Test("discovery alone needs the sources found fleets take")
    func discoverOnly() throws {
        let config = try parse("discover: {regions: [us-east-1], tags: {Application: erato}}\nsources: [{kind: cloudwatch}]\n")
        #expect(config.fleets.isEmpty)
        #expect(config.isMultiFleet)
        #expect(config.discover != nil)
        #expect(config.sources.map(\.kind) == ["cloudwatch"])
    }

    @Test("errors name the file, the line and the key", arguments: [
        ("fleets:\n  - {name: a}\n  - {name: a}\nsources: [{kind: mock}]\n",
         "fleets.yaml:3: fleets[1].name: two fleets are named 'a' (first at line 2)"),
        ("fleets:\n  - {region: us-east-1}\nsources: [{kind: mock}]\n",
         "fleets.yaml:2: fleets[0].name: required key is missing"),
        ("fleets:\n  - {name: a}\n", "fleets.yaml:2: fleets[0]: the fleet has no `sources:` and the file has no top-level `sources:` for it to take"),
        ("fleets: []\nsources: [{kind: mock}]\n", "fleets.yaml:1: fleets: at least one fleet is needed"),
        ("fleet: {name: a}\nfleets: [{name: b}]\nsources: [{kind: mock}]\n",
         "fleets.yaml:1: fleet: `fleet:` describes the one fleet of a file without `fleets:` (line 2); move it into the list"),
        ("fleets: [{name: a, colour: red}]\nsources: [{kind: mock}]\n",
         "fleets.yaml:1: fleets[0].colour: unknown key (known here: account, alarms, auto_scaling_group, load_balancer, name, profile, region, scaling, sources, target_group, zones)"),
        ("on_alarm: {command: notify-send hi}\nsources: [{kind: mock}]\n",
         "fleets.yaml:1: on_alarm.command: expected a list: the program, then its arguments (no shell is used)"),
        ("on_alarm: {command: []}\nsources: [{kind: mock}]\n", "fleets.yaml:1: on_alarm.command: the command is empty"),
    ])
    func errors(text: String, expected: String) {
        #expect(configErrorLine { try parse(text) } == expected)
    }
}
