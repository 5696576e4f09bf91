import FleetCore
@testable import FleetSources
import Foundation
import Testing

@Suite("Configuration file")
struct ConfigTests {
    static let base = URL(fileURLWithPath: "/etc/fleetwatch")

    func parse(_ text: String) throws -> FleetConfig {
        try FleetConfig.parse(text, file: "fleetwatch.yaml", baseDirectory: Self.base)
    }

    func error(_ text: String) -> String? {
        configErrorLine { try parse(text) }
    }

    @Test("a complete file: fleet, refresh, history, sources with their own keys")
    func complete() throws {
        let config = try parse("""
            fleet: {name: erato-backend, region: eu-west-1, zones: [eu-west-1a, eu-west-1b]}
            refresh: 2s
            history: 12h
            sources:
              - kind: mock
                name: sim
                every: 500ms
                scenario: az-outage
                seed: 7
              - kind: mock
                scenario: steady
            """)
        #expect(config.fleet.region == "eu-west-1")
        #expect(config.fleet.zones == ["eu-west-1a", "eu-west-1b"])
        #expect(config.refresh == 2)
        #expect(config.history == 43200)
        #expect(config.sources.map(\.name) == ["sim", "mock"])
        #expect(config.sources[0].every == 0.5)
        #expect(config.sources[1].every == nil)
        #expect(try config.sources[0].settings["scenario"]?.string() == "az-outage")
    }

    @Test("errors name file, line and key", arguments: [
        ("refresh: soon\nsources: [{kind: mock}]\n",
         "fleetwatch.yaml:1: refresh: expected a duration like 30s, 5m or 1h, got \"soon\""),
        ("fleet: {name: x}\n", "fleetwatch.yaml:1: sources: required key is missing"),
        ("sources: [\n", "fleetwatch.yaml:2:1: not valid YAML: while parsing a flow node: did not find expected node content"),
        ("sources:\n  - kind: mock\n  - kind: mock\n", "fleetwatch.yaml:3: sources[1]: two sources are named 'mock'; give one a `name:`"),
        ("colour: red\nsources: []\n", "fleetwatch.yaml:1: colour: unknown key (known here: alarms, discover, fleet, fleets, history, keys, mouse, on_alarm, refresh, scaling, sources)"),
        ("sources: []\n", "fleetwatch.yaml:1: sources: at least one source is needed"),
        ("fleet:\n  zones: us-east-1a\nsources: [{kind: mock}]\n", "fleetwatch.yaml:2: fleet.zones: expected a list"),
        ("history: 1m\nsources: [{kind: mock}]\n", "fleetwatch.yaml:1: history: expected between 15m and 14d"),
        ("", "fleetwatch.yaml: is empty"),
    ])
    func errors(text: String, expected: String) {
        #expect(error(text) == expected)
    }

    @Test("source kinds check their own keys when built")
    func kindErrors() throws {
        let context = SourceContext(fleet: .erato, now: Date(timeIntervalSince1970: 0), refresh: 1, mockPrefill: 0)
        let registry = SourceRegistry([MockSourceKind(), CloudWatchFilesSourceKind()])
        let unknown = try parse("sources:\n  - kind: carrier-pigeon\n")
        #expect(throws: InputError.self) { try registry.make(unknown.sources[0], context: context) }
        do {
            _ = try registry.make(unknown.sources[0], context: context)
        } catch let e as InputError {
            #expect(e.description == "fleetwatch.yaml:2: sources[0].kind: unknown source kind 'carrier-pigeon' (known: mock, cloudwatch-files)")
        }
        let typo = try parse("sources:\n  - kind: mock\n    sceanrio: steady\n")
        do {
            _ = try registry.make(typo.sources[0], context: context)
            Issue.record("a misspelt key was accepted")
        } catch let e as InputError {
            #expect(e.description == "fleetwatch.yaml:3: sources[0].sceanrio: unknown key (known here: every, kind, max_size, min_size, name, prefill, scenario, seed, speed, start)")
        }
        let scenario = try parse("sources:\n  - kind: mock\n    scenario: meteor\n")
        do {
            _ = try registry.make(scenario.sources[0], context: context)
            Issue.record("an unknown scenario was accepted")
        } catch let e as InputError {
            #expect(e.description.hasPrefix("fleetwatch.yaml:3: sources[0].scenario: unknown scenario 'meteor'"))
        }
    }

    @Test("relative paths resolve against the file's folder; absolute ones stay")
    func paths() throws {
        let config = try parse("sources:\n  - kind: mock\n    a: data/x.json\n    b: /var/y.json\n    c: ../z.json\n")
        let s = config.sources[0].settings
        #expect(try s["a"]?.filePath() == "/etc/fleetwatch/data/x.json")
        #expect(try s["b"]?.filePath() == "/var/y.json")
        #expect(try s["c"]?.filePath() == "/etc/z.json")
    }

    @Test("durations", arguments: [
        ("30s", 30.0), ("5m", 300), ("1h30m", 5400), ("2d", 172_800), ("250ms", 0.25), ("45", 45), ("1.5m", 90),
    ])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("bad durations", arguments: ["", "soon", "5x", "m", "5m3", "nan", "1e400s"])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("a missing or unreadable file is one clear line")
    func missingFile() {
        do {
            _ = try FleetConfig.load(path: "/nonexistent/fleetwatch.yaml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(String(describing: error) == "/nonexistent/fleetwatch.yaml: no such file")
        }
    }
}
