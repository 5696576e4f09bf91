import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// The headless soak (issue 17): 24 simulated hours (or `--hours N`) of the az-outage simulator through
/// the poller, the recorder and the dashboard's view, at full speed. Every simulated hour it prints the
/// process's resident memory and open descriptors: both must stay flat. Run with scripts/soak.sh.
@main
struct Soak {
    static func main() async throws {
        let args = CommandLine.arguments
        let hours = args.firstIndex(of: "--hours").flatMap { Int(args[$0 + 1]) } ?? 24
        let interval: TimeInterval = 10
        let start = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-soak-\(getpid()).fwrec").path
        defer { try? FileManager.default.removeItem(atPath: path) }

        let source = MockSource(scenario: .azOutage, seed: 7, start: start, prefill: 3600)
        let initial = FleetState(time: start, fleet: .erato)
        let poller = Poller(state: initial, sources: [ScheduledSource(source, every: interval)])
        let writer = try RecordingWriter(path: path, header: HeadlessRecording.header(
            fleet: .erato, sources: [.init(name: "mock", detail: source.detail)], start: start, state: initial))
        await poller.observe { t, update in writer.record(t: t, update: update) }

        print("hour,rss_kib,fds,recording_bytes,frames,wall_s")
        let clock = ContinuousClock()
        let began = clock.now
        var frames = 0
        let stepsPerHour = Int(3600 / interval)
        for step in 0...(hours * stepsPerHour) {
            let now = start.addingTimeInterval(Double(step) * interval)
            await poller.pollOnce(now: now)
            // The dashboard draws once a simulated minute (the screen's refresh at ×60), at 160×50.
            if step % 6 == 0 {
                let state = DashboardState(fleet: await poller.state, now: now, width: 160, height: 50)
                _ = state.view()
                frames += 1
            }
            if step % stepsPerHour == 0 {
                let wall = began.duration(to: clock.now)
                let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
                print("\(step / stepsPerHour),\(rssKiB()),\(openDescriptors()),\(writer.byteCount),\(frames),"
                      + String(format: "%.1f", seconds))
            }
        }
        await poller.observe(nil)
        writer.close()
    }

    /// VmRSS from /proc/self/status, in KiB.
    static func rssKiB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return -1 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }

    /// Entries in /proc/self/fd.
    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }
}
