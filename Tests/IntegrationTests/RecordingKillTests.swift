import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import FleetSources

extension IntegrationSuites {
    @Suite("kill -9 while recording")
    struct RecordingKillTests {
        /// The built `fleetwatch` next to the test bundle (swift test builds it), if there is one.
        static var binary: String? {
            let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for dir in [bundle, bundle.deletingLastPathComponent()] {
                let path = dir.appendingPathComponent("fleetwatch").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
            return nil
        }

        @Test("SIGKILL mid-recording leaves a file that replays up to its last complete line",
              .enabled(if: binary != nil, "needs the built fleetwatch binary"))
        func killNine() async throws {
            let path = TemporaryDirectory.path("killed.fwrec")
            // posix_spawn and waitpid, not Foundation's Process: its child monitoring disturbs the other
            // tests' timing on a busy machine.
            let args = [Self.binary!, "record", "--headless", "--source", "mock", "--scenario", "az-outage",
                        "--seed", "3", "--start", "2026-01-05T13:00:00Z", "--duration", "7d", "--interval", "5",
                        "--out", path]
            var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            #expect(posix_spawn(&pid, Self.binary!, nil, nil, &argv, environ) == 0)
            let deadline = Date().addingTimeInterval(20)
            var exited = false
            while Date() < deadline {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { exited = true; break }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                if size > 60_000 { break }
                try await Task.sleep(for: .milliseconds(5))  // not usleep: leave the shared test threads free
            }
            #expect(!exited, "the recording finished before it could be killed")
            kill(pid, SIGKILL)
            var status: Int32 = 0
            if !exited { waitpid(pid, &status, 0) }
            #expect(status & 0x7f == SIGKILL)  // WTERMSIG

            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let completeLines = data.filter { $0 == 0x0A }.count
            let recording = try RecordingReader.read(path: path)
            #expect(completeLines > 100)
            // Every complete line after the header plays; at most the cut-off last one is dropped, with a warning.
            #expect(recording.updates.count == completeLines - 1)
            #expect(recording.warnings.count <= 1)
            if data.last != 0x0A {
                #expect(recording.warnings.first?.contains("last line is incomplete") == true)
            }
            let timeline = ReplayTimeline(recording)
            #expect(timeline.state(at: timeline.end).instances.count >= 6)
        }
    }
}

