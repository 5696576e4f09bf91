import FleetCore
import Foundation
@testable import FleetSources
import Testing

@Suite("Source kinds and their registry")
struct SourceRegistryTests {
    let context = SourceContext(fleet: .erato, now: Date(timeIntervalSince1970: 1_767_618_030), refresh: 2, mockPrefill: 0)

    /// A kind that makes a mock source of its own, to show a registered kind needs no switch.
    struct QuietKind: SourceKind {
        let key: String
        func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource {
            try entry.settings.rejectUnknownKeys(allowed: ["kind", "name", "every"])
            return ScheduledSource(MockSource(scenario: .steady, seed: 1, start: context.now, detail: "quiet"), every: 5)
        }
    }

    @Test("a kind is found by its key; one registered again under the same key replaces it, in place")
    func register() throws {
        var registry = SourceRegistry([MockSourceKind(), QuietKind(key: "quiet")])
        registry.register(QuietKind(key: "mock"))
        #expect(registry.keys == ["mock", "quiet"])
        let config = try FleetConfig.parse("sources:\n  - kind: mock\n", file: "fleetwatch.yaml",
                                           baseDirectory: URL(fileURLWithPath: "/"))
        let made = try registry.make(config.sources[0], context: context)
        #expect((made.source as? MockSource)?.detail == "quiet")
        #expect(made.interval == 5)
    }

    @Test("an unknown kind names the file, the line and the kinds registered")
    func unknown() throws {
        let registry = SourceRegistry([QuietKind(key: "quiet"), CloudWatchFilesSourceKind()])
        let config = try FleetConfig.parse("sources:\n  - kind: mock\n", file: "fleetwatch.yaml",
                                           baseDirectory: URL(fileURLWithPath: "/"))
        #expect(configErrorLine { try registry.make(config.sources[0], context: context) }
                == "fleetwatch.yaml:2: sources[0].kind: unknown source kind 'mock' (known: quiet, cloudwatch-files)")
    }

    @Test("the command line's mock source is built by the mock kind, like a file's entry")
    func single() throws {
        let config = try FleetConfig.single(source: [("kind", "mock"), ("scenario", "az-outage"), ("seed", "7"),
                                                     ("speed", "20"), ("start", "2026-01-05T13:00:30Z")], refresh: 2)
        let poller = try SourceRegistry([MockSourceKind()]).poller(for: config, now: context.now, mockPrefill: 600)
        #expect(poller.initialState.time == context.now)
        let made = try MockSourceKind().make(config.sources[0], context: context)
        let mock = try #require(made.source as? MockSource)
        #expect(mock.detail == "mock:az-outage ×20")
        #expect(made.interval == 2)
        let bad = try FleetConfig.single(source: [("kind", "mock"), ("scenario", "meteor")], refresh: 1)
        #expect(configErrorLine { try MockSourceKind().make(bad.sources[0], context: context) }?
            .hasPrefix("the command line: scenario: unknown scenario 'meteor'") == true)
    }
}
