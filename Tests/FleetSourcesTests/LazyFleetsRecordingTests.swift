import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

/// Recordings of several fleets are opened lazily (an index of each fleet's lines, updates decoded when
/// the replay reaches them) and their lines read by a fast scanner: both must give exactly what reading
/// the whole file with `JSONDecoder` gave.
extension RecordingSuites {
    @Suite("Recordings of several fleets, opened lazily")
    struct LazyFleetsRecordingTests {
        /// Fleet `index`'s lines of a version 3 file as a one-fleet (version 2) file, read by the one-fleet
        /// reader: every update decoded and kept, a ``ReplayTimeline`` over them (the eager reading).
        static func eager(_ path: String, fleet index: Int) throws -> ReplayTimeline {
            let lines = try RecordingFixture.lines(path)
            let header = try RecordingFormat.decoder().decode(FleetsRecordingHeader.self, from: Data(lines[0].utf8))
            var one = header.header(of: index)
            one.version = RecordingFormat.version
            var text = [RecordingEncoder().headerLine(one)]
            for line in lines.dropFirst() where line.hasPrefix("{\"t\":") {
                let marker = ",\"fleet\":\(index)"
                guard let range = line.range(of: marker), line[range.upperBound] == "," || line[range.upperBound] == "}" else {
                    continue
                }
                text.append(line.replacingCharacters(in: range, with: ""))
            }
            return ReplayTimeline(try RecordingReader.read(data: Data((text.joined(separator: "\n") + "\n").utf8), name: "fleet\(index)"))
        }

        /// The lazy player and the eager timelines agree at `moments` (visited in the order given, so seeks
        /// go back and forth across checkpoints).
        static func expectAgree(_ path: String, moments: [Date], stride: Int, atEnd: Bool = false) throws {
            guard case .fleets(let recording) = try RecordingReader.readFile(path: path, atEnd: atEnd) else {
                Issue.record("read as one fleet")
                return
            }
            let timelines = try recording.fleets.indices.map { try Self.eager(path, fleet: $0) }
            #expect(timelines.map(\.count) == recording.fleets.map(\.count))
            var player = FleetsReplayPlayer(recording, checkpointStride: stride)
            #expect(player.states == timelines.map { $0.state(at: recording.start) })
            for moment in moments {
                player.seek(to: moment)
                #expect(player.states == timelines.map { $0.state(at: player.position) }, "at \(ISOTime.string(moment))")
            }
            // Playing forward in small steps, as the overview does.
            player.seek(to: recording.start)
            while !player.atEnd {
                player.advance(wallSeconds: 37)
                #expect(player.states == timelines.map { $0.state(at: player.position) })
            }
        }

        @Test("generated recordings: lazy and eager states agree at many moments, forward, back and across checkpoints")
        func generated() async throws {
            let path = TemporaryDirectory.path("lazy-generated.fwrec")
            _ = try await FleetsRecordingFixture.record(minutes: 45, path: path)
            let start = Fixture.afternoon
            var rng = SystemRandomNumberGenerator()
            var moments = (0..<60).map { _ in start.addingTimeInterval(Double.random(in: -60...2800, using: &rng)) }
            moments += [start, start.addingTimeInterval(2700), .distantFuture, start, .distantPast]
            try Self.expectAgree(path, moments: moments, stride: 7)
            try Self.expectAgree(path, moments: moments.reversed(), stride: 250, atEnd: true)
            // The whole-fleet decode agrees too.
            let recording = try FleetsRecordingFixture.fleetsFile(path)
            for i in recording.fleets.indices {
                let eager = try Self.eager(path, fleet: i).recording.updates
                #expect(recording.recording(of: i).updates.map(\.update) == eager.map(\.update))
                #expect(recording.recording(of: i).updates.map(\.t) == eager.map(\.t))
            }
        }

        @Test("the recorded fixture (the fuzz seed, a headless recording of several simulated fleets) agrees too")
        func recordedFixture() throws {
            let path = FixtureFiles.repositoryPath("Fuzz/seeds/recording/fleets-v3.fwrec")
            let recording = try FleetsRecordingFixture.fleetsFile(path)
            #expect(recording.warnings.count == 1)  // a line naming a fleet not in the header, skipped
            let moments = stride(from: -30.0, through: recording.duration + 30, by: 7).map { recording.start.addingTimeInterval($0) }
            try Self.expectAgree(path, moments: moments.shuffled(), stride: 3)
            try Self.expectAgree(path, moments: moments.shuffled(), stride: 3, atEnd: true)
        }

        @Test("a file read in parts (lines across the reads, lines longer than a read) indexes and warns as the same bytes in memory",
              arguments: [1 << 20, 4096, 100])
        func chunks(chunkSize: Int) async throws {
            let path = TemporaryDirectory.path("lazy-chunks-\(chunkSize).fwrec")
            _ = try await FleetsRecordingFixture.record(minutes: 30, path: path)
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // A corrupt line in the middle and a cut-off end.
            let middle = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A)! + 1
            bytes.insert(contentsOf: Array("{\"t\":oops}\n".utf8), at: middle)
            bytes.removeLast(20)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            guard case .fleets(let fromFile) = try RecordingReader.read(RecordingBytes(path: path, chunkSize: chunkSize), name: path),
                  case .fleets(let inMemory) = try RecordingReader.read(fileData: Data(bytes), name: path) else {
                Issue.record("read as one fleet")
                return
            }
            #expect(fromFile.warnings == inMemory.warnings && fromFile.warnings.count == 2)
            #expect(fromFile.warnings.last?.contains("last line is incomplete (the recording was cut off)") == true)
            #expect(fromFile.fleets.map(\.times) == inMemory.fleets.map(\.times))
            #expect(fromFile.fleets.map(\.lines) == inMemory.fleets.map(\.lines))
            var a = FleetsReplayPlayer(fromFile), b = FleetsReplayPlayer(inMemory)
            a.seek(to: .distantFuture)
            b.seek(to: .distantFuture)
            #expect(a.states == b.states)
        }

        @Test("a file cut short after it was opened: the lines gone apply nothing, nothing crashes")
        func truncatedAfterOpen() async throws {
            let path = TemporaryDirectory.path("lazy-truncated.fwrec")
            _ = try await FleetsRecordingFixture.record(minutes: 20, path: path)
            let recording = try FleetsRecordingFixture.fleetsFile(path)
            var player = FleetsReplayPlayer(recording)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 4000)
            try handle.close()
            player.seek(to: .distantFuture)
            #expect(player.atEnd && player.states.count == 3)
        }

        @Test("the scanner reads every line fleetwatch writes, exactly as JSONDecoder does")
        func scannerAgrees() async throws {
            let path = TemporaryDirectory.path("lazy-scanner.fwrec")
            _ = try await FleetsRecordingFixture.record(minutes: 30, path: path)
            let files = [path, FixtureFiles.repositoryPath("Fuzz/seeds/recording/fleets-v3.fwrec"),
                         FixtureFiles.repositoryPath("Recordings/demo.fwrec"),
                         FixtureFiles.repositoryPath("Tests/Fixtures/recordings/v1-az-outage-head.fwrec")]
            let decoder = RecordingFormat.decoder()
            var kinds = Set<String>()
            for file in files {
                for line in try RecordingFixture.lines(file).dropFirst() {
                    let bytes = Array(line.utf8)
                    let fast = bytes.withUnsafeBufferPointer { RecordedLineScanner.line($0, decoder: decoder) }
                    guard let reference = try? decoder.decode(RecordedLine.self, from: Data(bytes)) else {
                        #expect(fast == nil)  // a damaged line kept in a fixture
                        continue
                    }
                    #expect(fast == reference, "\(file): \(line.prefix(80))")
                    if fast?.metrics != nil { kinds.insert("metrics") }
                    if fast?.instances != nil { kinds.insert("instances") }
                    if fast?.status != nil { kinds.insert("status") }
                    if fast?.alarms != nil { kinds.insert("alarms") }
                    if fast?.events != nil { kinds.insert("events") }
                    if fast?.answered != nil { kinds.insert("answered") }
                }
            }
            #expect(kinds == ["metrics", "instances", "status", "alarms", "events", "answered"])
        }

        @Test("lines the scanner is not sure of go to JSONDecoder: same value, same error", arguments: [
            #"{"t":1767272400,"src":"a\"b","answered":true}"#,            // an escape
            #"{"t":1767272400,"extra":1}"#,                               // an unknown key
            #"{"t":1767272400,"t":1767272401}"#,                          // a repeated key
            #"{"t":1767272400,"time":null,"status":null}"#,               // nulls
            #"{"t":1e400}"#,                                              // not a Double
            #"{"t":1e300}"#,                                              // not a timestamp
            #"{"t":1767272400,"metrics":[{"id":0,"points":[[1767272400,"Infinity"]]}]}"#,
            #"{"t":1767272400,"metrics":[{"id":0,"period":60.0,"points":[]}]}"#,
            #"{"t":-0,"fleet":-0}"#,
            #"{"t":1767272400,"instances":[{"id":"i-1","zone":"a","lifecycle":"Gone","health":"healthy"}]}"#,
            #"{"t":1767272400,"instances":[{"id":"i-1","zone":"a","lifecycle":"InService"}]}"#,
            #"{"t":1767272400,"status":{"name":"m","detail":"","health":"ok","lastSuccess":"x"}}"#,
            #"{"t":1767272400,"alarms":[{"bad":1}]}"#,
            #"{"t":1767272400,"alarms":[]} x"#,
            #"{"t":1767272400,"alarms":[],}"#,
            #"{"t":1767272400 "src":"m"}"#,
            #"{"t":01}"#,
            #"{"t":1767272400,"src":"\#u{01}"}"#,
            " {\"t\":1767272400,\"answered\":false} ",
        ])
        func scannerDoubts(line: String) {
            let decoder = RecordingFormat.decoder()
            let bytes = Array(line.utf8)
            let fast = bytes.withUnsafeBufferPointer { RecordedLineScanner.line($0, decoder: decoder) }
            let reference = try? decoder.decode(RecordedLine.self, from: Data(bytes))
            if let fast { #expect(fast == reference) }
            let decoded = bytes.withUnsafeBufferPointer { try? RecordedLine.decode($0, decoder: decoder) }
            #expect(decoded == reference)
        }
    }
}

extension RecordingSuites {
    @Suite("Recordings of several fleets, polled every second")
    struct QuietFleetsRecordingTests {
        @Test("'it answered' lines within 10 s of a fleet's last line are left out; a replay differs from live only in last-success times and the fleet clock, by under 10 s")
        func quietLines() async throws {
            let path = TemporaryDirectory.path("quiet.fwrec")
            let live = try await FleetsRecordingFixture.record(minutes: 5, interval: 1, path: path)
            let lines = try RecordingFixture.lines(path).dropFirst()
            let answeredOnly = lines.filter { $0.contains(#""answered":true"#) && !$0.contains(#""metrics""#) }
            // Every fleet answered 301 times; at most one such line a fleet per 10 s is written.
            #expect(answeredOnly.count <= 3 * 31 && lines.count < 3 * 301 / 2)
            let recording = try FleetsRecordingFixture.fleetsFile(path)
            #expect(recording.warnings.isEmpty)
            var player = FleetsReplayPlayer(recording)
            for (t, states) in live {
                player.seek(to: t)
                for (replayed, state) in zip(player.states, states) {
                    var aligned = replayed
                    aligned.time = state.time
                    for i in aligned.sources.indices { aligned.sources[i].lastSuccess = state.sources[i].lastSuccess }
                    #expect(aligned == state, "at \(ISOTime.string(t))")
                    #expect((0..<10).contains(state.time.timeIntervalSince(replayed.time)))
                    for (a, b) in zip(replayed.sources, state.sources) {
                        #expect((0..<10).contains(b.lastSuccess!.timeIntervalSince(a.lastSuccess!)))
                    }
                }
            }
        }
    }
}
