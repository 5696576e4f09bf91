import FleetCore
import FleetDashboard
import FleetSources
import Foundation

// The package benchmarks of OverviewBenchmarks.swift, timed by hand (the workload is the same file).
func measure(_ name: String, runs: Int, _ body: () -> Void) {
    var times: [Double] = []
    for _ in 0..<runs {
        let t0 = ContinuousClock.now
        body()
        let d = ContinuousClock.now - t0
        times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
    }
    times.sort()
    func p(_ q: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * q))] }
    print(String(format: "%-72@ p50 %8.3f ms  p90 %8.3f ms  min %8.3f ms  (%d runs)", name as NSString, p(0.5), p(0.9), times[0], runs))
}

var workload = OverviewWorkload()
var flip = false
measure("overview 200 fleets 160x48, every fleet a new minute: take in + view + diff", runs: 200) {
    flip.toggle()
    _ = workload.refresh(flip ? workload.minuteLater : workload.states)
}
measure("overview 200 fleets 160x48, every fleet only its clock: take in + view + diff", runs: 200) {
    flip.toggle()
    _ = workload.refresh(flip ? workload.clockOnly : workload.states)
}

func pollLoop(_ speed: Double, polls: Int) -> [Double] {
    let box = UnsafeSendableBox()
    let done = DispatchSemaphore(value: 0)
    Task {
        let poller = await OverviewWorkload.poller(speed: speed)
        var times: [Double] = []
        for i in 0..<polls {
            let t0 = ContinuousClock.now
            await poller.pollOnce(now: OverviewWorkload.start.addingTimeInterval(Double(i + 1)))
            let d = ContinuousClock.now - t0
            times.append(Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12)
        }
        box.times = times
        done.signal()
    }
    done.wait()
    return box.times.sorted()
}

final class UnsafeSendableBox: @unchecked Sendable { var times: [Double] = [] }

for (name, speed) in [("poll of one simulated fleet, nothing new", 0.001), ("poll of one simulated fleet, speed 1 (a step every 5th poll, a minute every 60th)", 1),
                      ("poll of one simulated fleet, a minute due (speed 60)", 60)] {
    let t = pollLoop(speed, polls: 3000)
    let mean = t.reduce(0, +) / Double(t.count)
    print(String(format: "%-72@ p50 %8.1f µs  p90 %8.1f µs  mean %8.1f µs  (%d polls)", name as NSString, t[t.count / 2], t[t.count * 9 / 10], mean, t.count))
}
