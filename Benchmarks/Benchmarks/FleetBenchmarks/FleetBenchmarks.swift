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
    overviewBenchmarks()
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
        frameLoop(benchmark, busyFleetCache, laterFleet())
    }

    // Budget: a day of events (2,000) costs the frame build under 1 ms more than none, at 200×60
    // (the six-panel layout: events panel, errors and latency, event marks on every chart).
    for eventCount in [0, 2000] {
        Benchmark("Frame build + diff 200x60 with \(eventCount) events") { benchmark in
            frameLoop(benchmark, withEvents(busyFleetCache, count: eventCount), withEvents(laterFleet(), count: eventCount))
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

/// `state` with its own events replaced by `count` made-up ones over the 24 hours before it, every
/// kind, a third of them on instances (a busy day: scale-outs, launches, health flaps, alarms).
func withEvents(_ state: FleetState, count: Int) -> FleetState {
    var out = state
    out.events = EventLog()
    let kinds = FleetEvent.Kind.allCases
    for i in 0..<count {
        let time = state.time.addingTimeInterval(-86_400 + Double(i) * 86_400 / Double(max(1, count)))
        let instance = i % 3 == 0 ? state.instances[i % max(1, state.instances.count)].id : nil
        out.events.insert(FleetEvent(time: time, kind: kinds[i % kinds.count], zone: instance == nil ? nil : "us-east-1b",
                                     instance: instance, text: "event \(i): Launching a new EC2 instance (Successful)"))
    }
    return out
}

/// The busy fleet a minute later.
func laterFleet() -> FleetState {
    FleetSimulator.run(scenario: .azOutage, seed: 7, start: Date(timeIntervalSince1970: 1_767_618_000), for: 61 * 60)
}

/// Builds and diffs 200×60 frames, alternating between two minutes of data so every frame really differs.
func frameLoop(_ benchmark: Benchmark, _ a: FleetState, _ b: FleetState) {
    var state = DashboardState(fleet: a, now: a.time, width: 200, height: 60)
    var previous = state.view()
    benchmark.startMeasurement()
    for i in benchmark.scaledIterations {
        state.update(.fleet(i % 2 == 0 ? b : a))
        let frame = state.view()
        let changed = CanvasDiff.forEachChangedRun(from: previous, to: frame, columns: 200, rows: 60) { _, _, _ in }
        blackHole(changed)
        previous = frame
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
