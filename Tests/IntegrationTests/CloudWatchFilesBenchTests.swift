import FleetCore
import Foundation
import Testing
@testable import AWSFormats

/// Opt-in: `scripts/bench-json-decode.sh` (or `FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1 FLEETWATCH_BENCH_FILE=big.json swift test -c
/// release --filter CloudWatchFilesBenchTests`). Prints MB/s and the peak RSS of the decode.
@Suite("CloudWatchFiles benchmark", .enabled(if: ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1"), .integration)
struct CloudWatchFilesBenchTests {
    static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0").map { $0 * 1024 } ?? 0
        }
        return 0
    }

    @Test("decode a large get-metric-data file")
    func decodeLarge() throws {
        let env = ProcessInfo.processInfo.environment
        let path = try #require(env["FLEETWATCH_BENCH_FILE"], "set FLEETWATCH_BENCH_FILE (scripts/bench-json-decode.sh does)")
        let runs = Int(env["FLEETWATCH_BENCH_RUNS"] ?? "3") ?? 3
        // Reset the peak-RSS mark (Linux: writing 5 to clear_refs), so VmHWM is this decode's peak.
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = Self.status("VmRSS")
        var best = Duration.seconds(1_000)
        var size = 0
        var points = 0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            let bytes = try BoundedFile.read(path).bytes
            let data = try CloudWatchFiles.decodeMetricData(bytes, file: path)
            let elapsed = clock.now - start
            best = min(best, elapsed)
            size = bytes.count
            points = data.batches.reduce(0) { $0 + $1.points.count }
        }
        let peak = Self.status("VmHWM")
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let mb = Double(size) / 1e6
        print(String(format: "fleetwatch decode: %.1f MB, %d points, best of %d: %.3f s = %.1f MB/s; peak RSS %.0f MB (%.0f MB before, %.2fx the file)",
                     mb, points, runs, seconds, mb / seconds, Double(peak) / 1e6, Double(before) / 1e6,
                     Double(peak - before) / Double(size)))
        #expect(points > 0)
        if let min = env["FLEETWATCH_BENCH_MIN_MBPS"].flatMap(Double.init) {
            #expect(mb / seconds >= min, "slower than \(min) MB/s")
        }
    }
}
