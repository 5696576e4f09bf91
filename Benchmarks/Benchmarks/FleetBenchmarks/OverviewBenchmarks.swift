import Benchmark
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// Issue 15's CPU budget (a refresh of 200 simulated fleets under 5 ms) taken apart; the whole
/// process is measured by `scripts/fleets-cost.sh`.
func overviewBenchmarks() {
    // The overview's own share of a refresh in which every fleet brought a new minute of data.
    Benchmark("Overview 200 fleets 160x48: every fleet a new minute, take in + view + diff",
              configuration: .init(maxDuration: .seconds(5), maxIterations: 200)) { benchmark in
        var workload = OverviewWorkload()
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(workload.refresh(i % 2 == 0 ? workload.minuteLater : workload.states))
        }
    }
    // ... and of the common second: every fleet polled, nothing new but the clock.
    Benchmark("Overview 200 fleets 160x48: every fleet only its clock, take in + view + diff",
              configuration: .init(maxDuration: .seconds(5), maxIterations: 200)) { benchmark in
        var workload = OverviewWorkload()
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(workload.refresh(i % 2 == 0 ? workload.clockOnly : workload.states))
        }
    }
    // One poll of one simulated fleet (due every second) whose simulator has nothing new (speed
    // 0.001: a millisecond of simulated time a poll, never a 5-second step)…
    Benchmark("Poll of one simulated fleet, nothing new") { benchmark async in
        let poller = await OverviewWorkload.poller(speed: 0.001)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(await poller.pollOnce(now: OverviewWorkload.start.addingTimeInterval(Double(i + 1))))
        }
    }
    // … and with a simulated minute due (speed 60: 12 steps and a minute of datapoints each poll).
    Benchmark("Poll of one simulated fleet, a minute due") { benchmark async in
        let poller = await OverviewWorkload.poller(speed: 60)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(await poller.pollOnce(now: OverviewWorkload.start.addingTimeInterval(Double(i + 1))))
        }
    }
}
