// The pictures' budget, by hand (scripts/bench-pictures.sh): a 200×60 frame of the busy dashboard
// (the Benchmarks package's busyDashboard: an hour of the simulated AZ outage) to SVG under 20 ms and
// under 300 KB; HTML alongside; the alarm chart for the same hour.
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

let start = Date(timeIntervalSince1970: 1_767_618_000)
let fleet = FleetSimulator.run(scenario: .azOutage, seed: 7, start: start, for: 3600)
let state = DashboardState(fleet: fleet, now: fleet.time, width: 200, height: 60)
let frame = state.view()
let picture = CanvasPicture(canvas: frame, colors: PictureColors(theme: BuiltinThemes.all[0]))

func measure(_ name: String, runs: Int = 200, _ body: () -> Int) {
    var times: [Double] = []
    var size = 0
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        size = body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    times.sort()
    func p(_ q: Double) -> String { String(format: "%.2f", times[min(times.count - 1, Int(Double(times.count) * q))]) }
    print("\(name): p50 \(p(0.5)) ms, p90 \(p(0.9)) ms, max \(p(1.0)) ms; \(size) bytes")
}

measure("frame to SVG 200x60") { picture.svg().utf8.count }
measure("frame to HTML 200x60") { picture.html().utf8.count }
let alarm = fleet.alarms[0].definition
let run = AlarmEvaluator.run(alarm, rawPoints: fleet.points(forAlarm: alarm))
let chart = AlarmChartPicture(alarms: [[.init(label: "as defined", definition: alarm, periodValues: run.periodValues,
                                             timeline: run.timeline, start: run.start, end: run.end)]],
                              theme: BuiltinThemes.all[0])
measure("alarm chart SVG, 1 h") { chart.svg().utf8.count }
