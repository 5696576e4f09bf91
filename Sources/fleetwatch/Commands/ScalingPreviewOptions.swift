import AlarmDefinitions
import ArgumentParser
import FleetCore
import FleetSources
import Foundation

extension LoadModel: ExpressibleByArgument {}

/// `fleetwatch preview --scaling …`: what the group's scaling policies would have done over the data, and
/// what if (a target, the scale-in ratio, the warm-up, the limits) were changed.
struct ScalingPreviewOptions: ParsableArguments {
    @Option(help: "Scaling policies: Terraform aws_autoscaling_policy (.tf or a folder of them) or `aws autoscaling describe-policies` output.")
    var scaling: String?

    @Option(name: .customLong("target-value"), help: ArgumentHelp("What if: a target tracking policy's target (NAME=VALUE; repeatable).", valueName: "name=value"))
    var targetValues: [String] = []

    @Option(help: "Assumption: target tracking's scale-in threshold as a fraction of the target (default 0.9).")
    var lowRatio: Double?

    @Option(help: "The group's limits, warm-up and cooldown: `aws autoscaling describe-auto-scaling-groups` output.")
    var group: String?

    @Option(help: "Assumption: target tracking's scale-out alarm periods, N of N (default 3).") var highPeriods: Int?
    @Option(help: "Assumption: target tracking's scale-in alarm periods, N of N (default 15).") var lowPeriods: Int?

    @Option(help: "What if: the instance warm-up in seconds, for every policy.") var warmup: Int?
    @Option(help: "What if: the group's minimum size.") var min: Int?
    @Option(help: "What if: the group's maximum size.") var max: Int?
    @Option(help: "The group's capacity at the start (default: as recorded, else desired_capacity, else the minimum).")
    var desired: Int?

    @Option(help: "proportional (per-instance metrics follow the simulated capacity) or none (replay unchanged).")
    var model: LoadModel = .proportional

    func validateScaling() throws {
        if let r = lowRatio, !(r > 0 && r < 1) { throw ValidationError("--low-ratio must be between 0 and 1 (exclusive), got \(r)") }
        for (name, value) in [("--high-periods", highPeriods), ("--low-periods", lowPeriods)] {
            if let value, !(1...100).contains(value) { throw ValidationError("\(name) must be 1…100, got \(value)") }
        }
        if let w = warmup, !(0...3600).contains(w) { throw ValidationError("--warmup must be 0…3600 seconds, got \(w)") }
        for (name, value) in [("--min", min), ("--max", max), ("--desired", desired)] {
            if let value, !(0...10_000).contains(value) { throw ValidationError("\(name) must be 0…10000, got \(value)") }
        }
        if let min, let max, min > max { throw ValidationError("--min (\(min)) cannot exceed --max (\(max))") }
        for pair in targetValues { _ = try Self.targetValue(pair) }
    }

    static func targetValue(_ pair: String) throws -> (name: String, value: Double) {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite, value > 0 else {
            throw ValidationError("--target-value: expected NAME=VALUE with a positive VALUE, got '\(pair)'")
        }
        return (parts[0], value)
    }

    /// Loads, simulates and prints; `data` is a file or `demo` (the built-in recording).
    func run(path: String, alarms: String?, data: String, json: Bool, start: Date?, end: Date?) throws {
        var loaded = try ScalingPolicyLoader.load(path: path, alarms: alarms.map(AlarmDefinitionLoader.load(path:)),
                                                  groupFile: group)
        for pair in targetValues {
            let (name, value) = try Self.targetValue(pair)
            guard let index = loaded.policies.firstIndex(where: { $0.name == name }),
                  case .targetTracking(var configuration) = loaded.policies[index].kind else {
                let names = loaded.policies.filter { if case .targetTracking = $0.kind { true } else { false } }.map(\.name)
                throw CLIError("--target-value: no target tracking policy named '\(name)' in \(path) (there are: \(names.joined(separator: ", ")))")
            }
            configuration.targetValue = value
            loaded.policies[index].kind = .targetTracking(configuration)
        }
        guard !loaded.policies.isEmpty else { throw CLIError("\(path): no aws_autoscaling_policy found") }
        let series = data == "demo" ? try PreviewData.demo() : try PreviewData.load(path: data)
        let dataName = data == "demo" ? BuiltinRecording.fileName : data
        for warning in series.warnings + loaded.notes { warn(warning) }

        let settings = loaded.group
        var assumptions = ScalingAssumptions.standard
        if let lowRatio { assumptions.lowRatio = lowRatio }
        if let highPeriods { assumptions.highAlarmPeriods = highPeriods }
        if let lowPeriods { assumptions.lowAlarmPeriods = lowPeriods }
        let group = try loaded.scalingGroup(file: path, minSize: min, maxSize: max)
        let groupName = group.name
        let minSize = group.minSize

        let times = series.series.flatMap(\.points).map(\.time)
        guard let first = times.min(), let last = times.max() else { throw CLIError("\(dataName): no datapoints") }
        let from = start ?? first
        let to = end ?? last.addingTimeInterval(60)
        guard to > from else { throw CLIError("--end must be after --start") }
        let initial = desired ?? series.capacity?.value(at: from) ?? settings.desiredCapacity ?? minSize

        let setup = ScalingPreviewSetup(loaded: loaded, data: series, dataName: dataName, groupName: groupName,
                                        model: model, assumptions: assumptions)
        for warning in setup.warnings { warn(warning) }
        let preview = ScalingSimulation.run(setup.inputs, group: group, initialCapacity: initial, recorded: series.capacity,
                                            model: model, assumptions: assumptions, warmupOverride: warmup, start: from, end: to)
        let report = ScalingReport(preview: preview, group: group, initialCapacity: ScalingRules.clamped(initial, to: group),
                                   model: model, assumptions: assumptions, policies: setup.inputs.map(\.policy), lint: setup.lint,
                                   realActivities: series.activities.map { events in
                                       events.filter { $0.time >= from && $0.time < to }
                                   })
        print(SafeText.printable(json ? report.json : report.text))
    }
}
