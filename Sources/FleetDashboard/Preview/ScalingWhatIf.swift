import FleetCore
import Foundation

/// The preview's scaling view (`v`): the group's policies replayed over the data the dashboard holds by
/// FleetCore's ``ScalingSimulation``, as given and as edited, beside what the group really did (its scaling
/// events). Pure values: `update` simulates again after an edit or new data, never `view`.
public struct ScalingWhatIf: Sendable {
    public var original: ScalingSettings
    public var edited: ScalingSettings
    /// The policy the keys edit and the chart shows: an index into the policies.
    public var selected = 0
    /// The simulation of the policies as given, and as edited (the same value while unchanged).
    public private(set) var asDefined: Outcome?
    public private(set) var whatIf: Outcome?
    /// What really happened: the desired capacity the fleet's scaling events state, and those events.
    public private(set) var real = Real()
    /// Show the Terraform written for the edited policy (`w`).
    public var showExport = false
    /// That text, once the loop has written it (``DashboardEvent/exported(_:)``).
    public var exportText: String?

    /// One simulation: the preview, the inputs it ran on, the policies that never act, and the start capacity.
    public struct Outcome: Sendable {
        public var preview: ScalingPreview
        public var inputs: [ScalingPolicyInput]
        public var lint: [String]
        public var initialCapacity: Int
        /// Per policy that acts: the metric its first scale-out (or trigger) alarm watches, as recorded and as
        /// the simulated group would have seen it (the load model applied), for the chart.
        public var metrics: [String: (alarm: AlarmDefinition, recorded: [Datapoint], simulated: [Datapoint])]
    }

    public struct Real: Sendable {
        public var capacity: CapacityPath?
        public var activities: [FleetEvent] = []
    }

    public init(settings: ScalingSettings) {
        original = settings
        edited = settings
    }

    public var changed: Bool { edited != original }

    var policy: ScalingPolicy? { edited.policies.indices.contains(selected) ? edited.policies[selected] : nil }
    var originalPolicy: ScalingPolicy? { original.policies.indices.contains(selected) ? original.policies[selected] : nil }

    // MARK: simulation

    /// The raw points of each metric the policies watch (``FleetState/points(forAlarm:)``), read once per
    /// snapshot: an edit changes thresholds, not the data.
    private var points: [String: [Datapoint]] = [:]

    static func metricKey(_ d: AlarmDefinition) -> String { "\(d.namespace)\u{0}\(d.metricName)\u{0}\(d.statistic)" }

    /// Simulates both over `fleet`'s data (after new data).
    mutating func simulate(fleet: FleetState) {
        let activities = Array(fleet.events.events.filter { $0.capacityChange != nil })
        let start = fleet.series.values.compactMap(\.points.first?.time).min() ?? fleet.time
        real = Real(capacity: CapacityPath.desired(from: activities, start: start), activities: activities)
        points = [:]
        asDefined = outcome(original, fleet: fleet)
        whatIf = changed ? outcome(edited, fleet: fleet) : asDefined
    }

    /// Simulates the edited policies again (after an edit).
    mutating func simulateEdited(fleet: FleetState) {
        whatIf = changed ? outcome(edited, fleet: fleet) : asDefined
    }

    mutating func outcome(_ settings: ScalingSettings, fleet: FleetState) -> Outcome? {
        for policy in settings.policies {
            for alarm in policy.watchedAlarms(group: settings.group.name, assumptions: settings.assumptions).alarms {
                let key = Self.metricKey(alarm.definition)
                if points[key] == nil { points[key] = fleet.points(forAlarm: alarm.definition) }
            }
        }
        let known = points
        return Self.outcome(settings, fleet: fleet, recorded: real.capacity) { known[Self.metricKey($0)] ?? [] }
    }

    static func outcome(_ settings: ScalingSettings, fleet: FleetState, recorded: CapacityPath?,
                        points: (AlarmDefinition) -> [Datapoint]) -> Outcome? {
        let join = ScalingPolicyInput.join(settings.policies, group: settings.group.name, assumptions: settings.assumptions,
                                           model: settings.model, points: points)
        let points = join.inputs.flatMap(\.alarms).map(\.points)
        guard let start = points.compactMap(\.first?.time).min(),
              let last = points.compactMap(\.last?.time).max() else {
            return nil
        }
        let end = last.addingTimeInterval(60)
        let inService = fleet.instances.filter { $0.lifecycle == .inService }.count
        // The capacity at the start: as the scaling events tell it, else the instances in service now, else the
        // group's desired capacity as configured, else its minimum.
        let initial = recorded?.value(at: start) ?? (inService > 0 ? inService : settings.group.desiredCapacity ?? settings.group.minSize)
        let preview = ScalingSimulation.run(join.inputs, group: settings.group, initialCapacity: initial, recorded: recorded,
                                            model: settings.model, assumptions: settings.assumptions, start: start, end: end)
        let clamped = ScalingRules.clamped(initial, to: settings.group)
        var metrics: [String: (alarm: AlarmDefinition, recorded: [Datapoint], simulated: [Datapoint])] = [:]
        for input in join.inputs {
            guard let alarm = input.alarms.first(where: { $0.role != .low }) else { continue }
            let recordedPoints = alarm.points.filter { $0.time >= start && $0.time < end }
            let simulated = ScalingSimulation.simulatedPoints(alarm, in: preview, initialCapacity: clamped)
            metrics[input.policy.name] = (alarm.definition, recordedPoints, simulated)
        }
        return Outcome(preview: preview, inputs: join.inputs, lint: join.lint, initialCapacity: clamped, metrics: metrics)
    }

    // MARK: editing

    /// The selected policy's target tracking configuration, changed by `change` (nothing for other kinds).
    mutating func editTracking(_ change: (inout TargetTrackingConfiguration) -> Void) {
        guard var p = policy, case .targetTracking(var c) = p.kind else { return }
        change(&c)
        p.kind = .targetTracking(c)
        edited.policies[selected] = p
    }

    mutating func nudgeTarget(up: Bool, coarse: Bool) {
        guard let p = originalPolicy, case .targetTracking(let base) = p.kind else { return }
        let step = AlarmPreview.step(for: base.targetValue, coarse: coarse)
        editTracking { c in
            let next = ((c.targetValue + (up ? step : -step)) / step).rounded() * step
            if next > 0 { c.targetValue = next }
        }
    }

    mutating func toggleScaleIn() {
        editTracking { $0.disableScaleIn.toggle() }
    }

    mutating func nudgeLowRatio(up: Bool) {
        let ratio = ((edited.assumptions.lowRatio + (up ? 0.05 : -0.05)) * 100).rounded() / 100
        edited.assumptions.lowRatio = min(max(ratio, 0.5), 0.95)
    }

    /// One minute more or less of the selected policy's warm-up (target tracking and step policies have one).
    mutating func nudgeWarmup(up: Bool) {
        guard var p = policy else { return }
        switch p.kind {
        case .targetTracking, .step: break
        case .simple: return
        }
        let current = edited.group.warmup(for: p)
        p.estimatedInstanceWarmup = min(max(current + (up ? 60 : -60), 0), 3600)
        edited.policies[selected] = p
    }

    mutating func nudgeLimits(min minDelta: Int = 0, max maxDelta: Int = 0) {
        edited.group.minSize = min(max(edited.group.minSize + minDelta, 0), edited.group.maxSize)
        edited.group.maxSize = min(max(edited.group.maxSize + maxDelta, edited.group.minSize, 1), 10_000)
    }

    mutating func nextPolicy() {
        guard !edited.policies.isEmpty else { return }
        selected = (selected + 1) % edited.policies.count
    }

    /// What `w` writes beside the policy's Terraform: the what-ifs that are not the policy's own settings.
    var exportNotes: [String] {
        var notes: [String] = []
        let (a, b) = (original.group, edited.group)
        if a.minSize != b.minSize || a.maxSize != b.maxSize {
            notes.append("the group (aws_autoscaling_group \(b.name)): min_size = \(b.minSize), max_size = \(b.maxSize)"
                + " (was \(a.minSize), \(a.maxSize))")
        }
        if original.assumptions.lowRatio != edited.assumptions.lowRatio {
            notes.append("previewed with target tracking's scale-in alarm at \(Chart.trim(edited.assumptions.lowRatio * 100))% of the target: "
                + "an assumption, not a setting (AWS creates that alarm)")
        }
        return notes
    }
}
