import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

/// Recordings of several fleets (version 3): a mock source per fleet behind its own poller, all polled
/// at the same `now`s into one file, as `record --fleets N` does.
enum FleetsRecordingFixture {
    static let fleets: [(FleetInfo, Scenario, String?)] = [
        (FleetInfo(name: "alpha", region: "us-east-1", zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
                   loadBalancer: "alpha-alb", autoScalingGroup: "alpha-asg"), .azOutage, "prod"),
        (FleetInfo(name: "beta", region: "eu-west-1", zones: ["eu-west-1a", "eu-west-1b"],
                   loadBalancer: "beta-alb", autoScalingGroup: "beta-asg"), .steady, nil),
        (FleetInfo(name: "gamma", region: "ap-southeast-2", zones: ["ap-southeast-2a", "ap-southeast-2b"],
                   loadBalancer: "gamma-alb", autoScalingGroup: "gamma-asg"), .badDeploy, "staging"),
    ]

    /// Records `minutes` of the three fleets; returns each poll's `now` and every fleet's live state then.
    static func record(minutes: Int, interval: TimeInterval = 10, path: String) async throws -> [(Date, [FleetState])] {
        let start = Fixture.afternoon
        let pollers = fleets.enumerated().map { i, entry in
            Poller(state: FleetState(time: start, fleet: entry.0, seriesCapacity: 120),
                   sources: [ScheduledSource(MockSource(scenario: entry.1, seed: UInt64(i + 1), start: start, fleet: entry.0,
                                                        prefill: 600), every: interval)])
        }
        let header = FleetsRecordingHeader.of(pollers.map(\.initialState), accounts: fleets.map(\.2),
                                              sources: pollers.map { _ in [.init(name: "mock", detail: "kind mock")] },
                                              start: start)
        let writer = try RecordingWriter(path: path, header: header)
        for (i, poller) in pollers.enumerated() {
            await poller.observe { t, update in writer.record(t: t, fleet: i, update: update) }
        }
        var states: [(Date, [FleetState])] = []
        for step in 0...(minutes * 60 / Int(interval)) {
            let now = start.addingTimeInterval(Double(step) * interval)
            var all: [FleetState] = []
            for poller in pollers {
                await poller.pollOnce(now: now)
                all.append(await poller.state)
            }
            states.append((now, all))
        }
        writer.close()
        return states
    }

    static func fleetsFile(_ path: String) throws -> FleetsRecording {
        guard case .fleets(let recording) = try RecordingReader.readFile(path: path) else {
            throw InputError(file: path, line: 1, message: "not a recording of several fleets")
        }
        return recording
    }
}

extension RecordingSuites {
    @Suite("Recordings of several fleets")
    struct FleetsRecordingTests {
        @Test("three fleets round-trip: every fleet's state at every poll and between polls, on one clock")
        func roundTrip() async throws {
            let path = TemporaryDirectory.path("fleets-round.fwrec")
            let live = try await FleetsRecordingFixture.record(minutes: 30, path: path)
            let recording = try FleetsRecordingFixture.fleetsFile(path)
            #expect(recording.warnings.isEmpty)
            #expect(recording.fleets.map(\.header.fleet.name) == ["alpha", "beta", "gamma"])
            #expect(recording.accounts == ["prod", nil, "staging"])
            #expect(recording.fleets.map(\.header.seriesCapacity) == [120, 120, 120])
            #expect(recording.start == live.first?.0 && recording.end == live.last?.0)
            var player = FleetsReplayPlayer(recording)
            for (i, (t, states)) in live.enumerated() where i % 7 == 0 || i == live.count - 1 {
                player.seek(to: t)
                #expect(player.states == states, "at \(ISOTime.string(t))")
                player.seek(to: t.addingTimeInterval(5))
                #expect(player.states == states)  // between polls: the last poll's states
            }
            // Each fleet's own story: alpha's zone b dark and its alarm firing, beta steady.
            let end = try #require(live.last?.1)
            #expect(end[0].instances.filter { $0.zone == "us-east-1b" }.allSatisfy { $0.health == .unhealthy })
            #expect(end[1].instances.allSatisfy { $0.health == .healthy })
        }

        @Test("the header lists the fleets; each line names its fleet after t; nothing but deltas")
        func lines() async throws {
            let path = TemporaryDirectory.path("fleets-lines.fwrec")
            _ = try await FleetsRecordingFixture.record(minutes: 2, path: path)
            let lines = try RecordingFixture.lines(path)
            #expect(lines[0].hasPrefix(#"{"format":"fleetwatch-recording","version":3,"fleets":[{"account":"prod","fleet":{"#))
            #expect(lines[0].contains(#""name":"gamma""#) && lines[0].contains(#""account":"staging""#))
            #expect(lines[1].hasPrefix(#"{"t":1767272400,"fleet":0,"#))
            #expect(lines[2].hasPrefix(#"{"t":1767272400,"fleet":1,"#))
            #expect(lines[3].hasPrefix(#"{"t":1767272400,"fleet":2,"#))
            // A quiet poll of beta: only that it answered.
            #expect(lines[5] == #"{"t":1767272410,"fleet":1,"answered":true,"src":"mock","time":1767272410}"#)
            let expectedCount = 41  // header, 13 polls × 3 fleets, the final newline
            #expect(lines.count == expectedCount)
        }

        @Test("one-fleet recordings are still written as version 2; versions 1 and 2 read as one fleet")
        func oldVersions() async throws {
            let path = TemporaryDirectory.path("one.fwrec")
            _ = try await RecordingFixture.recordLive(scenario: .steady, minutes: 1, path: path)
            #expect(try RecordingFixture.lines(path)[0].hasPrefix(#"{"format":"fleetwatch-recording","version":2,"#))
            guard case .one(let two) = try RecordingReader.readFile(path: path) else {
                Issue.record("version 2 read as several fleets")
                return
            }
            #expect(two.updates.count == 7)
            let v1 = FixtureFiles.repositoryPath("Tests/Fixtures/recordings/v1-az-outage-head.fwrec")
            guard case .one(let one) = try RecordingReader.readFile(path: v1) else {
                Issue.record("version 1 read as several fleets")
                return
            }
            #expect(one.header.version == 1 && !one.updates.isEmpty && one.warnings.isEmpty)
        }

        @Test("the one-fleet reader refuses a recording of several, saying so")
        func oneFleetReader() async throws {
            let path = TemporaryDirectory.path("fleets-one.fwrec")
            _ = try await FleetsRecordingFixture.record(minutes: 1, path: path)
            #expect(throws: InputError(file: path, line: 1, message:
                "a recording of 3 fleets; this needs one (fleetwatch replay and snapshot --replay play several)")) {
                try RecordingReader.read(path: path)
            }
        }

        @Test("one clock for all: speed, pause, seek and playing forward move every fleet to the same position")
        func player() async throws {
            let path = TemporaryDirectory.path("fleets-player.fwrec")
            let live = try await FleetsRecordingFixture.record(minutes: 30, path: path)
            let recording = try FleetsRecordingFixture.fleetsFile(path)
            func at(_ t: Date) -> [FleetState] { live.last { $0.0 <= t }?.1 ?? live[0].1 }
            var player = FleetsReplayPlayer(recording, speed: 60)
            #expect(player.states == at(recording.start) && player.duration == 1800)
            #expect(player.advance(wallSeconds: 10) == [0, 1, 2])  // ×60: ten minutes, every fleet moved
            #expect(player.elapsed == 600 && player.states == at(player.position))
            player.togglePause()
            #expect(player.advance(wallSeconds: 10).isEmpty && player.elapsed == 600)
            player.togglePause()
            #expect(player.seekStep == 360)
            player.seek(by: -player.seekStep)
            #expect(player.elapsed == 240 && player.states == at(player.position))
            player.faster()
            #expect(player.speed == 120 && player.seekStep == 720)
            player.slower()
            player.slower()
            #expect(player.speed == 30)
            player.seek(to: .distantFuture)
            #expect(player.atEnd && player.states == at(recording.end))
            #expect(player.players.allSatisfy { $0.applied == $0.lines.count })
            player.seek(to: .distantPast)
            #expect(player.elapsed == 0 && player.states == at(recording.start))
            // A seek within the same poll moves no fleet.
            player.seek(by: 3)
            #expect(player.seek(by: 3).isEmpty)
        }
    }

    @Suite("Recordings of several fleets that are damaged")
    struct BadFleetsRecordingTests {
        static let entry = #"{"fleet":{"autoScalingGroup":"g","loadBalancer":"l","name":"NAME","region":"r","zones":["ra"]},"series_capacity":60,"sources":[],"state_time":1767272400}"#

        func header(_ names: [String]) -> String {
            #"{"format":"fleetwatch-recording","version":3,"fleets":["#
                + names.map { Self.entry.replacingOccurrences(of: "NAME", with: $0) }.joined(separator: ",")
                + #"],"start":1767272400,"start_iso":"2026-01-01T13:00:00Z"}"#
        }

        func read(_ text: String) throws(InputError) -> RecordingFile {
            try RecordingReader.read(fileData: Data(text.utf8), name: "f.fwrec")
        }

        @Test("duplicate fleet names, no fleets, a bad series capacity: one line naming file and place")
        func badHeaders() {
            #expect(throws: InputError(file: "f.fwrec", line: 1, path: "fleets.2.fleet.name",
                                       message: "fleet 'a' is listed twice (first as fleets.0)")) {
                try read(header(["a", "b", "a"]) + "\n")
            }
            #expect(throws: InputError(file: "f.fwrec", line: 1, path: "fleets", message: "a recording of several fleets lists none")) {
                try read(header([]) + "\n")
            }
            let huge = header(["a"]).replacingOccurrences(of: #""series_capacity":60"#, with: #""series_capacity":0"#)
            #expect(throws: InputError(file: "f.fwrec", line: 1, path: "fleets.0.series_capacity", message: "0 is outside 1…100000")) {
                try read(huge + "\n")
            }
            #expect(throws: InputError(file: "f.fwrec", line: 1, message: #"bad recording header (not a recording line (no "fleets"))"#)) {
                try read(#"{"format":"fleetwatch-recording","version":3,"start":0,"start_iso":"x"}"# + "\n")
            }
        }

        @Test("lines naming an unknown fleet or none are skipped with a warning naming them; the rest plays")
        func badLines() throws {
            let text = [
                header(["a", "b"]),
                #"{"t":1767272400,"fleet":0,"instances":[]}"#,
                #"{"t":1767272410,"fleet":2,"instances":[]}"#,
                #"{"t":1767272410,"instances":[]}"#,
                #"{"t":1767272410,"fleet":-1}"#,
                #"{"t":1767272420,"fleet":1,"answered":true,"src":"mock"}"#,
                #"{"t":1767272430,"fleet":1,"#,
            ].joined(separator: "\n")
            guard case .fleets(let recording) = try read(text) else {
                Issue.record("read as one fleet")
                return
            }
            #expect(recording.warnings == [
                "f.fwrec:3: fleet 2 is not in the header (fleets 0…1); line skipped",
                #"f.fwrec:4: not a line of a recording of several fleets (no "fleet"); line skipped"#,
                "f.fwrec:5: fleet -1 is not in the header (fleets 0…1); line skipped",
                "f.fwrec:6: status of mock was never written; ignored",
                "f.fwrec:7: last line is incomplete (the recording was cut off); playing up to line 6",
            ])
            #expect(recording.fleets.map(\.count) == [1, 1])
            #expect(recording.end == Date(timeIntervalSince1970: 1_767_272_420))
        }
    }
}
