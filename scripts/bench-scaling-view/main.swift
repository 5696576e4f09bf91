import FleetCore
import FleetDashboard
import FleetSources
import AlarmDefinitions
import Foundation

// scripts/bench-scaling-view.sh: the dashboard's scaling view over a week of 1-minute data (the same week as
// scripts/bench-scaling: the group's CPU on a daily cycle with a spike every other day), the built-in demo's four
// policies, with a real scaling event a day: the what-if recompute (one key: the target down one step, the edited
// policies simulated again), a new fleet snapshot (both simulated again) and the 160×48 frame.
let t0 = Date(timeIntervalSince1970: 1_795_946_400)
var rng = SplitMix64(seed: 42)
var cpu: [Datapoint] = []
for i in 0..<10_080 {
    let time = t0.addingTimeInterval(Double(i) * 60)
    var value = 60 - 30 * cos(2 * .pi * Double(i % 1440) / 1440) + Double(rng.next() % 100) / 20
    if (i / 1440) % 2 == 1, (i % 1440) >= 600, (i % 1440) < 660 { value += 25 }
    cpu.append(Datapoint(time: time, value: value))
}
var fleet = FleetState(time: t0.addingTimeInterval(10_080 * 60), fleet: .erato, seriesCapacity: 10_080)
let events = (0..<7).flatMap { day -> [FleetEvent] in
    let up = t0.addingTimeInterval(Double(day * 1440 + 600) * 60), down = up.addingTimeInterval(3 * 3600)
    return [(up, 6, 8), (down, 8, 6)].map { time, from, to in
        FleetEvent(time: time, kind: .scaling, text: "At \(ISOTime.string(time)) a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-x "
            + "in state ALARM triggered policy erato-target-cpu changing the desired capacity from \(from) to \(to).")
    }
}
fleet.apply(FleetUpdate(metrics: [.init(key: PanelMetric.cpu.key(fleet: .erato), unit: "Percent", points: cpu)], events: events))

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
func report(_ name: String, _ times: [Double]) {
    let t = times.sorted()
    print(String(format: "%@: min %.2f ms, p50 %.2f ms, p90 %.2f ms, max %.2f ms", name, t[0], t[t.count / 2], t[t.count * 9 / 10], t[t.count - 1]))
}

var state = DashboardState(fleet: fleet, now: fleet.time, width: 160, height: 48, window: 24 * 3600)
state.scaling = try ScalingSettings(policies: BuiltinRecording.scaling().policies,
                                    group: BuiltinRecording.scaling().scalingGroup(file: "erato-scaling.tf"), origin: "erato-scaling.tf")
let open = ContinuousClock().measure { state.update(.key(.char("a"))) }   // no alarms: a opens the scaling view
guard let view = state.scalingWhatIf, let outcome = view.asDefined else { fatalError("the scaling view did not open") }
print("a week of 1-minute CPU, \(view.original.policies.count) policies (\(outcome.inputs.count) act), "
    + "\(outcome.preview.activities.count) simulated activities, \(view.real.activities.count) real; open: \(String(format: "%.2f", ms(open))) ms")
var keys: [Double] = [], snapshots: [Double] = [], frames: [Double] = []
for _ in 0..<25 {
    keys.append(ms(ContinuousClock().measure { state.update(.key(.down)) }))
    frames.append(ms(ContinuousClock().measure { _ = state.view() }))
}
for _ in 0..<11 { snapshots.append(ms(ContinuousClock().measure { state.update(.fleet(fleet)) })) }
report("what-if key (the edited policies simulated again)", keys)
report("new snapshot (as given and as edited simulated again)", snapshots)
report("160x48 frame (view)", frames)
var small = state
small.update(.resize(width: 80, height: 24))
frames = []
for _ in 0..<25 { frames.append(ms(ContinuousClock().measure { _ = small.view() })) }
report("80x24 frame (no activity list)", frames)
