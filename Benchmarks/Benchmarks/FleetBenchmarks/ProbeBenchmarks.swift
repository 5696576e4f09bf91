import Benchmark
import FleetProbes
import ProbeTargets
import Foundation

/// `scripts/probe-bench-server.py` in a process of its own (so the CPU measured is the prober's):
/// `count` listeners on 127.0.1.1, 127.0.1.2, … answering 200, and a targets file naming them.
/// Stops when its standard input closes.
final class ProbeBenchServer {
    let process = Process()
    let stdin = Pipe()
    let targetsFile: String

    init(count: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../").standardizedFileURL
        targetsFile = FileManager.default.temporaryDirectory.appendingPathComponent("fw-probe-bench-\(UUID()).yaml").path
        let stdout = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/probe-bench-server.py").path,
                             "--count", "\(count)", "--targets-out", targetsFile, "--max-seconds", "900"]
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = stdout.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("ready") else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "probe-bench-server.py did not start"])
        }
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: targetsFile)
    }
}

func probeBenchmarks() {
    // Budget (issue 4): one round of 1,000 checks within 1 s wall and 0.5 CPU-seconds, memory flat
    // over 100 rounds (compare peak RSS at 10 and 100 iterations: `--filter Probe`).
    Benchmark("Probe round, 1,000 loopback targets",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                   warmupIterations: 3, maxDuration: .seconds(120), maxIterations: 100)) { benchmark async in
        let server: ProbeBenchServer
        do { server = try ProbeBenchServer(count: 1000) } catch {
            benchmark.error("\(error)")
            return
        }
        defer { server.stop() }
        guard let targets = try? ProbeTargetsFile.load(path: server.targetsFile) else {
            benchmark.error("cannot read \(server.targetsFile)")
            return
        }
        let source = ProbeSource(targets: targets, spread: false)
        let t0 = Date(timeIntervalSince1970: 1_767_618_000)
        var round = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // A round: poll at its (fake) start time until every target has been checked once more.
            let now = t0.addingTimeInterval(Double(round) * 30)
            _ = try? await source.poll(now: now)
            while await source.completedRounds <= round {
                try? await Task.sleep(for: .milliseconds(5))
                _ = try? await source.poll(now: now)
            }
            round += 1
        }
        benchmark.stopMeasurement()
        await source.shutdown()
    }
}
