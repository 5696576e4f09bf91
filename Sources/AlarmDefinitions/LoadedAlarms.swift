import FleetCore

/// Alarm definitions read from Terraform, `describe-alarms` JSON or fleetwatch YAML.
public struct LoadedAlarms: Sendable, Hashable {
    /// Single-metric alarms the preview can evaluate, in file order.
    public var definitions: [AlarmDefinition]
    /// Alarm name → current state, where the source knows it (describe-alarms output).
    public var states: [String: AlarmState]
    /// Target-tracking scaling targets (Terraform `aws_autoscaling_policy`).
    public var targets: [TargetLine]
    /// What was skipped or guessed, one line each, `file:line: …` (metric-math alarms, unresolved
    /// references, anomaly detection, composite alarms).
    public var notes: [String]
    /// Alarm name → names of dimensions whose value Terraform computes (`aws_lb.erato.arn_suffix`,
    /// `"${var.lb}"`). Such a dimension keeps the expression's text as its ``Dimension/value``; matching
    /// treats it as "any value" (``matches(_:_:)``).
    public var unresolvedDimensions: [String: [String]]
    /// Alarm name → its `alarm_actions` / `AlarmActions`, as written (ARNs, or Terraform references such as
    /// `aws_autoscaling_policy.out.arn`): how the scaling preview finds the alarms that invoke a policy.
    public var actions: [String: [String]] = [:]

    public init(definitions: [AlarmDefinition] = [], states: [String: AlarmState] = [:], targets: [TargetLine] = [],
                notes: [String] = [], unresolvedDimensions: [String: [String]] = [:]) {
        self.definitions = definitions
        self.states = states
        self.targets = targets
        self.notes = notes
        self.unresolvedDimensions = unresolvedDimensions
    }

    /// True when `key` is the metric `definition` watches: same namespace and metric name, and the same
    /// set of dimension names (CloudWatch identifies a metric by all its dimensions), with equal values
    /// except for dimensions listed in ``unresolvedDimensions``, which match any value. The statistic is
    /// not compared: the alarm aggregates raw data with its own.
    public func matches(_ definition: AlarmDefinition, _ key: MetricKey) -> Bool {
        guard definition.namespace == key.namespace, definition.metricName == key.name,
              definition.dimensions.count == key.dimensions.count else { return false }
        let unresolved = unresolvedDimensions[definition.name] ?? []
        return definition.dimensions.allSatisfy { dimension in
            guard let value = key.dimension(dimension.name) else { return false }
            return unresolved.contains(dimension.name) || value == dimension.value
        }
    }

    /// Adds `other`'s definitions, states, targets and notes after these; a note flags an alarm name
    /// defined twice.
    public mutating func append(_ other: LoadedAlarms) {
        let known = Set(definitions.map(\.name))
        for duplicate in other.definitions.map(\.name) where known.contains(duplicate) {
            notes.append("alarm \(duplicate.alarmQuoted()) is defined more than once; states and "
                + "unresolved dimensions are shared by name")
        }
        definitions += other.definitions
        states.merge(other.states) { _, new in new }
        targets += other.targets
        notes += other.notes
        actions.merge(other.actions) { old, new in old + new }
        unresolvedDimensions.merge(other.unresolvedDimensions) { old, new in Array(Set(old + new)).sorted() }
    }
}
