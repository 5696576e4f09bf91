import Benchmark
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// The benchmarks BENCHMARKS.md reports. Each names its budget.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(3), maxIterations: 1000)
    frameBenchmarks()
    alarmBenchmarks()
    simulatorBenchmarks()
    dataBenchmarks()
    probeBenchmarks()
    pictureBenchmarks()
}

/// A 200×60 dashboard with every panel full: an hour of the AZ outage at its worst.
func busyDashboard(width: Int = 200, height: Int = 60, minutes: Double = 60) -> DashboardState {
    let start = Date(timeIntervalSince1970: 1_767_618_000)  // 2026-01-05T13:00:00Z, a busy afternoon
    let fleet = FleetSimulator.run(scenario: .azOutage, seed: 7, start: start, for: minutes * 60)
    return DashboardState(fleet: fleet, now: fleet.time, width: width, height: height)
}

func frameBenchmarks() {
    // Budget: build + diff of a 200×60 frame under 1 ms.
    Benchmark("Frame build + diff 200x60 (all panels full)") { benchmark in
        var state = busyDashboard()
        let later = FleetSimulator.run(scenario: .azOutage, seed: 7,
                                       start: Date(timeIntervalSince1970: 1_767_618_000), for: 61 * 60)
        var previous = state.view()
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            // Alternate between two minutes of data so every frame really differs.
            state.update(.fleet(i % 2 == 0 ? later : busyFleetCache))
            let frame = state.view()
            let changed = CanvasDiff.forEachChangedRun(from: previous, to: frame, columns: 200, rows: 60) { _, _, _ in }
            blackHole(changed)
            previous = frame
        }
    }

    // Budget: an unchanged frame writes nothing (0 cells) — and costs only the comparison.
    Benchmark("Frame diff 200x60, nothing changed") { benchmark in
        let frame = busyDashboard().view()
        let same = frame
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let changed = CanvasDiff.forEachChangedRun(from: frame, to: same, columns: 200, rows: 60) { _, _, _ in }
            precondition(changed == 0, "an unchanged frame must write nothing")
            blackHole(changed)
        }
    }
}

let busyFleetCache: FleetState = FleetSimulator.run(scenario: .azOutage, seed: 7,
                                                    start: Date(timeIntervalSince1970: 1_767_618_000), for: 3600)

/// One minute of UnHealthyHostCount-like data for `minutes` minutes: calm, with incidents.
func minuteData(minutes: Int) -> [Datapoint] {
    (0..<minutes).map { m in
        let incident = (m / 720) % 7 == 3 && m % 720 < 90
        return Datapoint(time: Date(timeIntervalSince1970: Double(1_767_225_600 + m * 60)),
                         value: incident ? Double(2 + m % 3) : Double(m % 11 == 0 ? 1 : 0))
    }
}

func alarmBenchmarks() {
    let definition = AlarmDefinition(name: "erato-health-check-failures", namespace: "AWS/ApplicationELB",
                                     metricName: "UnHealthyHostCount", statistic: "Maximum", period: 60,
                                     evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 1,
                                     comparison: .greaterThanThreshold)
    // Budgets: a week under 2 ms, a year under 50 ms (the preview re-evaluates on every key).
    for (label, minutes) in [("week", 7 * 1440), ("year", 365 * 1440)] {
        Benchmark("Alarm evaluation, a \(label) of 1-minute data",
                  configuration: .init(maxDuration: .seconds(5), maxIterations: label == "week" ? 500 : 20)) { benchmark in
            let data = minuteData(minutes: minutes)
            let start = data.first!.time, end = data.last!.time.addingTimeInterval(60)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let values = AlarmEvaluator.periodValues(data, period: 60, statistic: "Maximum")
                let timeline = AlarmEvaluator.timeline(definition, periodValues: values, start: start, end: end)
                blackHole(timeline.timesFired)
            }
        }
    }
}

func simulatorBenchmarks() {
    Benchmark("Simulator, 24 h of the fleet", configuration: .init(maxDuration: .seconds(5), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(FleetSimulator.run(scenario: .trafficSpike, seed: 3,
                                         start: Date(timeIntervalSince1970: 1_767_571_200), for: 86400))
        }
    }
}
