import AlarmDefinitions
import FleetCore
import FleetSources
import Foundation

// scripts/bench-scaling.sh: the scaling fixture's four policies (read from the Terraform each time, matched to the
// data, simulated) over a week of 1-minute data: the group's CPU on a daily cycle between 30 % and 90 % with noise
// and an hour-long spike every other day, recorded at 6 instances, and requests per target beside it.
let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Tests/Fixtures/scaling/erato-scaling.tf"
let t0 = Date(timeIntervalSince1970: 1_795_946_400)
var rng = SplitMix64(seed: 42)
var cpu: [Datapoint] = [], requests: [Datapoint] = []
for i in 0..<10_080 {
    let time = t0.addingTimeInterval(Double(i) * 60)
    var value = 60 - 30 * cos(2 * .pi * Double(i % 1440) / 1440) + Double(rng.next() % 100) / 20
    if (i / 1440) % 2 == 1, (i % 1440) >= 600, (i % 1440) < 660 { value += 25 }
    cpu.append(Datapoint(time: time, value: value))
    requests.append(Datapoint(time: time, value: value * 12))
}
let data = PreviewData(series: [
    .init(key: MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                         dimensions: [Dimension("AutoScalingGroupName", "erato-backend-asg")]), unit: "Percent", period: 60, points: cpu),
    .init(key: MetricKey(namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", statistic: "Sum",
                         dimensions: [Dimension("LoadBalancer", "app/erato-backend-alb/50dc6c495c0c9188")]),
          unit: "Count", period: 60, points: requests),
], capacity: CapacityPath([.init(time: t0, capacity: 6)]))
let group = ScalingGroup(name: "erato-backend-asg", minSize: 3, maxSize: 12, desiredCapacity: 6, defaultInstanceWarmup: 180)
let end = t0.addingTimeInterval(10_080 * 60)
let text = try String(contentsOfFile: path, encoding: .utf8)
var times: [Double] = []
var last: ScalingPreview?
var policies = 0, acting = 0
for _ in 0..<25 {
    let d = ContinuousClock().measure {
        let loaded = try! TerraformScaling.load(files: [(path, text)])
        let setup = ScalingPreviewSetup(loaded: loaded, data: data, dataName: "week", groupName: group.name,
                                        model: .proportional, assumptions: .standard)
        policies = loaded.policies.count
        acting = setup.inputs.count
        last = ScalingSimulation.run(setup.inputs, group: group, initialCapacity: 6, recorded: data.capacity, start: t0, end: end)
    }
    times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
}
times.sort()
print(String(format: "scaling preview, a week of 1-minute data, %d policies (%d act, the rest linted): %d activities, peak %d; "
             + "min %.2f ms, p50 %.2f ms, p90 %.2f ms, max %.2f ms (budget 20 ms)",
             policies, acting, last!.activities.count, last!.peakCapacity, times[0], times[12], times[22], times[24]))
