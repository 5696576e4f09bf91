import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

extension RecordingSuites {
    @Suite("The built-in demo recording")
    struct BuiltinRecordingTests {
        static let file = URL(fileURLWithPath: FixtureFiles.repositoryPath("Recordings/demo.fwrec"))

        @Test("the embedded copy is Recordings/demo.fwrec (run scripts/embed-demo-recording.sh after changing it)")
        func embeddedMatchesFile() throws {
            let onDisk = try String(contentsOf: Self.file, encoding: .utf8)
            #expect(BuiltinRecording.text + "\n" == onDisk)
        }

        /// The first 30 minutes by default (the file is append-only, so they are a prefix of it);
        /// all two hours with FLEETWATCH_FULL=1.
        @Test("the recipe regenerates the file bit for bit (scripts/make-demo-recording.sh)")
        func regenerates() async throws {
            let full = ProcessInfo.processInfo.environment["FLEETWATCH_FULL"] == "1"
            var recipe = BuiltinRecording.recipe
            if !full { recipe.duration = 30 * 60 }
            let path = TemporaryDirectory.path("demo.fwrec")
            try await recipe.write(to: path)
            let made = try Data(contentsOf: URL(fileURLWithPath: path))
            let committed = try Data(contentsOf: Self.file)
            #expect(made.count > 50_000)
            #expect(full ? made == committed : committed.starts(with: made))
        }

        @Test("it loads and tells the outage: 1b unhealthy, the alarm fires, the fleet grows from 6, then recovers")
        func story() throws {
            let recording = try BuiltinRecording.load()
            #expect(recording.warnings.isEmpty)
            #expect(recording.duration == 2 * 3600)
            let timeline = ReplayTimeline(recording)
            func at(minute: Double) -> FleetState { timeline.state(at: timeline.start.addingTimeInterval(minute * 60)) }
            let first = at(minute: 0)
            #expect(first.instances.count == 6)
            #expect(first.alarms.first?.state == .ok)
            let middle = at(minute: 40)
            let dark = middle.instances.filter { $0.zone == "us-east-1b" }
            #expect(!dark.isEmpty && dark.allSatisfy { $0.health == .unhealthy && $0.reason == "Target.Timeout" })
            #expect(middle.alarms.first?.state == .alarm)
            #expect(middle.instances.filter { $0.lifecycle != .terminating }.count > 6)
            let cpu = middle.panelSeries(.cpu)?.points.map(\.value).max() ?? 0
            #expect(cpu > 70)
            let end = at(minute: 120)
            #expect(end.instances.allSatisfy { $0.health == .healthy })
            #expect(end.alarms.first?.state == .ok)
        }
    }
}

