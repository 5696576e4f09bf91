import AWSFormats
import Benchmark
import FleetCore
import FleetSources
import Foundation

/// A get-metric-data response shaped like the aws CLI prints it (indent 4, ISO timestamps,
/// descending), of about `megabytes` MB: what `scripts/bench-json-decode.sh` compares with Python.
func metricDataJSON(megabytes: Double) -> [UInt8] {
    var out = "{\n    \"MetricDataResults\": [\n"
    var series = 0
    let t0 = 1_767_225_600  // 2026-01-01T00:00:00Z
    while Double(out.utf8.count) < megabytes * 1_000_000 {
        if series > 0 { out += ",\n" }
        let zone = "us-east-1" + ["a", "b", "c"][series % 3]
        out += "        {\n            \"Id\": \"m\(series)\",\n            \"Label\": \"RequestCount \(zone)\",\n"
        out += "            \"Timestamps\": [\n"
        out += (0..<1440).map { "                \"" + ISOTime.string(Date(timeIntervalSince1970: Double(t0 - $0 * 60))).dropLast() + "+00:00\"" }
            .joined(separator: ",\n")
        out += "\n            ],\n            \"Values\": [\n"
        out += (0..<1440).map { "                \(Double(($0 * 7919 + series * 104_729) % 5000) + 0.25)" }.joined(separator: ",\n")
        out += "\n            ],\n            \"StatusCode\": \"Complete\"\n        }"
        series += 1
    }
    out += "\n    ],\n    \"Messages\": []\n}\n"
    return Array(out.utf8)
}

func dataBenchmarks() {
    // Budget: at least as fast as Python's json.load on the same file (≈ 40 MB/s here; see
    // scripts/bench-json-decode.sh for the side-by-side run on 50 MB).
    Benchmark("CloudWatch get-metric-data decode, 10 MB (throughput = MB/s x 10)",
              configuration: .init(metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(5),
                                   maxIterations: 30)) { benchmark in
        let bytes = metricDataJSON(megabytes: 10)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try CloudWatchFiles.decodeMetricData(bytes, file: "bench.json").batches.count)
        }
    }

    // Budgets: a 24 h recording of 12 instances under 20 MB; seeking anywhere under 100 ms.
    Benchmark("Recording append, 1 h of traffic-spike at 1-minute cadence",
              configuration: .init(maxDuration: .seconds(5), maxIterations: 10)) { benchmark in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fw-bench-\(UUID().uuidString).fwrec").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recipe = MockRecording(scenario: .trafficSpike, seed: 3, start: Date(timeIntervalSince1970: 1_767_618_000),
                                   duration: 3600, interval: 60)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let done = DispatchSemaphore(value: 0)
            Task.detached {
                _ = try? await recipe.write(to: path)
                done.signal()
            }
            done.wait()
        }
    }

    Benchmark("Replay seek anywhere in a 24 h recording", configuration: .init(maxDuration: .seconds(5), maxIterations: 200)) { benchmark in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fw-bench-\(UUID().uuidString).fwrec").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recipe = MockRecording(scenario: .trafficSpike, seed: 3, start: Date(timeIntervalSince1970: 1_767_571_200),
                                   duration: 86400, interval: 60)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            _ = try? await recipe.write(to: path)
            done.signal()
        }
        done.wait()
        let timeline = ReplayTimeline(try RecordingReader.read(path: path))
        var player = ReplayPlayer(timeline: timeline)
        var generator = SystemRandomNumberGenerator()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let target = timeline.start.addingTimeInterval(Double.random(in: 0...86400, using: &generator))
            blackHole(player.seek(to: target))
        }
    }
}
