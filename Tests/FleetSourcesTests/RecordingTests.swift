import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

extension RecordingSuites {
    @Suite("Recording and replay")
    struct RecordingTests {
        @Test("record then replay gives the same fleet state at every poll and between polls")
        func roundTrip() async throws {
            let path = TemporaryDirectory.path("round.fwrec")
            let live = try await RecordingFixture.recordLive(path: path)
            let timeline = ReplayTimeline(try RecordingReader.read(path: path), checkpointStride: 50)
            #expect(timeline.recording.warnings.isEmpty)
            #expect(timeline.start == live.first?.0)
            #expect(timeline.end == live.last?.0)
            for (i, (t, state)) in live.enumerated() where i % 11 == 0 || i == live.count - 1 {
                #expect(timeline.state(at: t) == state, "at \(ISOTime.string(t))")
                #expect(timeline.state(at: t.addingTimeInterval(5)) == state)  // between polls: the last poll's state
            }
            // The story is in there: 1b dark, the alarm fires.
            let end = try #require(live.last?.1)
            #expect(end.instances.filter { $0.zone == "us-east-1b" }.allSatisfy { $0.health == .unhealthy })
            #expect(end.alarms.first?.state == .alarm)
        }

        @Test("each line holds only the delta: quiet polls are tiny, instances only when they change")
        func deltas() async throws {
            let path = TemporaryDirectory.path("delta.fwrec")
            _ = try await RecordingFixture.recordLive(scenario: .steady, minutes: 5, path: path)
            let lines = try RecordingFixture.lines(path)
            #expect(lines[0].hasPrefix(#"{"format":"fleetwatch-recording","version":2,"#))
            #expect(lines[1].hasPrefix(#"{"t":"#) && lines[1].contains(#""key":"#) && lines[1].contains(#""instances":"#))
            #expect(lines[2] == #"{"t":1767272410,"answered":true,"src":"mock","time":1767272410}"#)
            #expect(lines.last == "")
        }

        @Test("the player seeks anywhere, both ways, and Home/End, to the same state as a fresh replay")
        func seeking() async throws {
            let path = TemporaryDirectory.path("seek.fwrec")
            _ = try await RecordingFixture.recordLive(minutes: 60, path: path)
            let recording = try RecordingReader.read(path: path)
            let timeline = ReplayTimeline(recording, checkpointStride: 37)
            func fresh(_ t: Date) -> FleetState {
                var s = recording.header.initialState
                for u in recording.updates where u.t <= t { s.apply(u.update) }
                return s
            }
            var player = ReplayPlayer(timeline: timeline, speed: 60)
            #expect(player.state == fresh(timeline.start))
            for offset in [3000.0, 600, 601, 2999, 3600, 0, 1234.5, 10] {
                player.seek(to: timeline.start.addingTimeInterval(offset))
                #expect(player.state == fresh(player.position), "seek to +\(offset)")
            }
            player.seek(to: timeline.end.addingTimeInterval(999))
            #expect(player.position == timeline.end && player.atEnd)
            #expect(player.state == fresh(timeline.end))
            player.seek(to: .distantPast)
            #expect(player.position == timeline.start)
            #expect(player.seekStep == 360)  // ×60: 6 minutes
            player.seek(by: player.seekStep)
            #expect(player.elapsed == 360)
            player.seek(by: -2 * player.seekStep)
            #expect(player.elapsed == 0)
            // Playing forward = seeking there.
            player.advance(wallSeconds: 10)  // ×60: 10 minutes
            #expect(player.elapsed == 600 && player.state == fresh(player.position))
            player.togglePause()
            #expect(!player.advance(wallSeconds: 10) && player.elapsed == 600)
        }

        @Test("speeds step 1, 2, 5, 10, 20, 30, 60, 120, 300, 600 and stop at the ends")
        func speeds() throws {
            var player = ReplayPlayer(timeline: ReplayTimeline(try BuiltinRecording.load()), speed: 1)
            var seen = [player.speed]
            for _ in 0..<12 { player.faster(); seen.append(player.speed) }
            #expect(seen == [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 600, 600, 600])
            player.slower()
            #expect(player.speed == 300)
            player.setSpeed(7)
            player.slower()
            #expect(player.speed == 5)
        }
    }
}


extension RecordingSuites {
    @Suite("Recordings that are damaged or not recordings")
    struct BadRecordingTests {
        /// The first 100 lines of the built-in recording (parsing all of it in every test is slow in debug builds).
        let demo = BuiltinRecording.text.split(separator: "\n", maxSplits: 100).prefix(100).joined(separator: "\n") + "\n"

        func read(_ text: String, _ name: String = "demo.fwrec") throws(InputError) -> Recording {
            try RecordingReader.read(data: Data(text.utf8), name: name)
        }

        func error(_ data: Data, _ name: String) -> String? {
            do { _ = try RecordingReader.read(data: data, name: name); return nil } catch { return error.description }
        }

        @Test("a cut-off last line: plays up to the line before, with a warning")
        func truncated() throws {
            var lines = demo.components(separatedBy: "\n")
            let full = try read(demo)
            lines = Array(lines.prefix(80))
            lines[79] = String(lines[79].prefix(lines[79].count / 2))
            let cut = try read(lines.joined(separator: "\n"))
            #expect(cut.warnings == ["demo.fwrec:80: last line is incomplete (the recording was cut off); playing up to line 79"])
            #expect(cut.updates.count == 78)
            #expect(cut.updates.map(\.t) == full.updates.prefix(78).map(\.t))
        }

        @Test("a corrupt line in the middle is skipped with a warning naming it")
        func corruptMiddle() throws {
            var lines = demo.components(separatedBy: "\n")
            lines[56] = #"{"t":17676"# + "\u{1}garbage"
            let r = try read(lines.joined(separator: "\n"))
            #expect(r.warnings.count == 1)
            #expect(r.warnings.first?.hasPrefix("demo.fwrec:57: not valid JSON (") == true)
            #expect(r.warnings.first?.hasSuffix("); line skipped") == true)
            #expect(r.updates.count == (try read(demo)).updates.count - 1)
            #expect(!r.updates.contains { $0.line == 57 })
        }

        @Test("a line that is JSON but not a recording line is skipped")
        func notALine() throws {
            var lines = demo.components(separatedBy: "\n")
            lines[9] = #"{"hello":"world"}"#
            let r = try read(lines.joined(separator: "\n"))
            #expect(r.warnings == [#"demo.fwrec:10: not a recording line (no "t"); line skipped"#])
        }

        @Test("a newer version is refused")
        func newerVersion() {
            let text = demo.replacingOccurrences(of: #""version":\#(RecordingFormat.version),"#, with: #""version":9,"#)
            #expect(text != demo)
            #expect(error(Data(text.utf8), "x.fwrec") == "x.fwrec:1: recording version 9 is newer than this fleetwatch understands (\(RecordingFormat.newestVersion))")
        }

        @Test("empty files, PNGs and other JSON are not recordings", arguments: [
            (Data(), "e.fwrec", "e.fwrec:1: not a fleetwatch recording (empty file)"),
            (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48]), "x.png",
             "x.png:1: not a fleetwatch recording (no header)"),
            (Data(#"{"name":"erato","version":1}"#.utf8 + [0x0A]), "x.jsonl", "x.jsonl:1: not a fleetwatch recording (no header)"),
            (Data("{\n  \"format\": \"fleetwatch-recording\"\n}\n".utf8), "p.json", "p.json:1: not a fleetwatch recording (no header)"),
            (Data(#"{"format":"fleetwatch-recording","vers"#.utf8), "cut.fwrec",
             "cut.fwrec:1: recording header is incomplete (the recording was cut off)"),
        ])
        func notRecordings(data: Data, name: String, message: String) {
            #expect(error(data, name) == message)
        }

        @Test("a missing file names the path")
        func missing() {
            #expect(throws: InputError(file: "/nonexistent/x.fwrec", line: nil, message: "no such file")) {
                try RecordingReader.read(path: "/nonexistent/x.fwrec")
            }
        }
    }
}

