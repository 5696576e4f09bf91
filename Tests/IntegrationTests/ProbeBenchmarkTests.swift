import FleetCore
import FleetTestSupport
import Foundation
@testable import FleetProbes
import ProbeTargets
import Testing

/// The probe budget, by hand: `FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1 swift test -c release --filter ProbeBenchmark`.
/// 1,000 targets on 127.0.1.1–127.0.4.250, served by `scripts/probe-bench-server.py` in its own
/// process (so the CPU measured here is the prober's): one round within 1 s and 0.5 CPU-seconds,
/// memory flat over 100 rounds, and a 5 s hang on 10 % of the targets not delaying the others.
///
/// For the memory figures, add `SWT_SWIFT_ERROR_BACKTRACING_ENABLED=0`: by default swift-testing
/// hooks every `throw` in the process and keeps a backtrace per thrown error in a cache it prunes
/// only between tests, and SwiftNIO throws (and catches) a couple of errors inside every connect,
/// so over 100,000 checks that cache alone grows by 10–25 MB. The line says whether it was on.
@Suite("ProbeBenchmark (opt-in: FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1)", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1"), .integration)
struct ProbeBenchmarkTests {
    /// The benchmark server, started with its targets file; stops when its stdin closes.
    final class BenchServer {
        let process = Process()
        let stdin = Pipe()
        let targetsFile: String

        init(count: Int, hangEvery: Int) throws {
            let script = FixtureFiles.repositoryPath("scripts/probe-bench-server.py")
            targetsFile = FileManager.default.temporaryDirectory.appendingPathComponent("probe-bench-\(UUID()).yaml").path
            let stdout = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, "--count", "\(count)", "--hang-every", "\(hangEvery)",
                                 "--hang-seconds", "5", "--targets-out", targetsFile, "--max-seconds", "600"]
            process.standardInput = stdin
            process.standardOutput = stdout
            try process.run()
            let line = stdout.fileHandleForReading.availableData
            guard String(decoding: line, as: UTF8.self).contains("ready") else { throw CocoaError(.fileReadUnknown) }
        }

        func stop() {
            try? stdin.fileHandleForWriting.close()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: targetsFile)
        }
    }

    /// Whether swift-testing records a backtrace for every thrown error (its default).
    static var errorBacktraces: Bool {
        ProcessInfo.processInfo.environment["SWT_SWIFT_ERROR_BACKTRACING_ENABLED"] != "0"
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    @Test("1,000 targets: a round within 1 s and 0.5 CPU-s; memory flat over 100 rounds")
    func thousandTargets() async throws {
        let server = try BenchServer(count: 1000, hangEvery: 0)
        defer { server.stop() }
        var settings = ProbeSettings.alb
        settings.timeout = 5
        let targets = try ProbeTargetsFile.load(path: server.targetsFile, base: settings)
        #expect(targets.count == 1000)
        let source = ProbeSource(targets: targets, spread: false)
        var walls: [Double] = [], cpus: [Double] = []
        var rss: [Int] = [], heap: [MallocStats] = []
        let fdsBefore = probeOpenFDs()
        for k in 0..<100 {
            let cpu = Self.cpuSeconds()
            let run = try await ProbeDrive.rounds(source, 1, from: k, interval: 30, limit: .seconds(30))
            walls.append(run.seconds[0])
            cpus.append(Self.cpuSeconds() - cpu)
            if [9, 39, 69, 99].contains(k) {
                rss.append(probeResidentBytes())
                heap.append(MallocStats.now())
            }
        }
        let report = await source.report()
        let percentiles = await source.percentiles()
        await source.shutdown()
        let fdsAfter = probeOpenFDs()

        let healthy = report.targets.filter { $0.state == .healthy }.count
        let sortedWall = walls.sorted(), sortedCPU = cpus.sorted()
        print("""
            ProbeBenchmark 1000 targets: round wall first \(fmt(walls[0])) s, median \(fmt(sortedWall[50])) s, \
            max \(fmt(sortedWall[99])) s; CPU median \(fmt(sortedCPU[50])) s, max \(fmt(sortedCPU[99])) s; \
            RSS after 10/40/70/100 rounds \(rss.map { "\($0 >> 20)" }.joined(separator: "/")) MB \
            (malloc: in use \(heap.map { mb($0.inUse) }.joined(separator: "/")) MB, \
            free in arenas \(heap.map { mb($0.free) }.joined(separator: "/")) MB, \
            arenas \(heap.map { "\($0.arenas)" }.joined(separator: "/"))); fds \(fdsBefore) -> \(fdsAfter); \
            p50 \(fmt((percentiles?.p50 ?? 0) * 1000)) ms p99 \(fmt((percentiles?.p99 ?? 0) * 1000)) ms; healthy \(healthy); \
            swift-testing error backtraces \(Self.errorBacktraces ? "on" : "off")
            """)
        #expect(healthy == 1000)
        #expect(sortedWall[50] < 1.0)
        #expect(sortedCPU[50] < 0.5)
        // Flat: the last 30 rounds add (almost) nothing; earlier growth is the allocator warming up.
        #expect(rss[3] - rss[2] < 8 << 20, "memory grew \((rss[3] - rss[2]) >> 20) MB from round 70 to 100")
        #expect(fdsAfter <= fdsBefore + 4)
    }

    @Test("a 5 s hang on 10 % of 1,000 targets does not delay the others' results")
    func hangingTenth() async throws {
        let server = try BenchServer(count: 1000, hangEvery: 10)
        defer { server.stop() }
        var settings = ProbeSettings.alb
        settings.timeout = 5
        let targets = try ProbeTargetsFile.load(path: server.targetsFile, base: settings)
        let source = ProbeSource(targets: targets, spread: false)
        let clock = ContinuousClock()
        let begin = clock.now
        var othersDone: Duration?
        _ = try await source.poll(now: ProbeDrive.t0)
        while clock.now - begin < .seconds(12) {
            _ = try await source.poll(now: ProbeDrive.t0)
            let rows = await source.report().targets
            if othersDone == nil, rows.filter({ $0.id.hasPrefix("t-") }).allSatisfy({ $0.checks == 1 }) {
                othersDone = clock.now - begin
            }
            if rows.allSatisfy({ $0.checks == 1 }) { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let all = clock.now - begin
        let rows = await source.report().targets
        await source.shutdown()
        print("ProbeBenchmark hang: 900 answering targets done after \(othersDone.map { "\($0)" } ?? "never"), all 1000 after \(all)")
        #expect(othersDone.map { $0 < .seconds(1) } == true)
        #expect(rows.filter { $0.id.hasPrefix("hang-") }.allSatisfy { $0.detail == "timeout" })
    }
}

private func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
private func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1048576) }

/// glibc malloc's own account, from `malloc_info` (malloc.h is not in Swift's Glibc module, so it
/// is looked up at run time): bytes handed out and not freed (a leak grows this), bytes free
/// inside the arenas (fragmentation, or per-thread arenas that never shrink, grow this instead),
/// and the number of arenas.
struct MallocStats {
    var inUse = 0, free = 0, arenas = 0

    static func now() -> MallocStats {
        typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        guard let symbol = dlsym(nil, "malloc_info") else { return MallocStats() }
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return MallocStats() }
        _ = unsafeBitCast(symbol, to: MallocInfo.self)(0, stream)
        fclose(stream)
        defer { Glibc.free(buffer) }
        guard let buffer else { return MallocStats() }
        let xml = String(cString: buffer)
        // The totals over every arena follow the last </heap>.
        let totals = xml.components(separatedBy: "</heap>").last ?? ""
        func bytes(_ tag: String) -> Int {
            guard let r = totals.range(of: tag) else { return 0 }
            let rest = totals[r.upperBound...]
            guard let s = rest.range(of: "size=\""), let e = rest[s.upperBound...].firstIndex(of: "\"") else { return 0 }
            return Int(rest[s.upperBound..<e]) ?? 0
        }
        let free = bytes("<total type=\"fast\"") + bytes("<total type=\"rest\"")
        let system = bytes("<system type=\"current\"")
        return MallocStats(inUse: system - free + bytes("<total type=\"mmap\""), free: free,
                           arenas: xml.components(separatedBy: "<heap nr=").count - 1)
    }
}
