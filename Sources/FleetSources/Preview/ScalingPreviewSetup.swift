import AlarmDefinitions
import FleetCore
import Foundation

/// Joins scaling policies to the data: each policy's alarms (target tracking's own two, or the alarms that
/// invoke it) with the series they watch, and a lint line for every policy that can never act.
public struct ScalingPreviewSetup: Sendable {
    public var inputs: [ScalingPolicyInput]
    /// `policy: never acts: reason`, one per policy left out.
    public var lint: [String]
    /// Guesses made while matching (another group's series used, say).
    public var warnings: [String]

    public init(loaded: LoadedScaling, data: PreviewData, dataName: String, groupName: String,
                model: LoadModel, assumptions: ScalingAssumptions) {
        inputs = []
        lint = []
        warnings = []
        for policy in loaded.policies {
            var alarms: [ScalingAlarmInput] = []
            var missing: [String] = []
            var matching = loaded.alarms
            let found = policy.watchedAlarms(group: groupName, assumptions: assumptions)
            if let reason = found.neverActs {
                lint.append("\(policy.name): never acts: \(reason)")
                continue
            }
            let watched = found.alarms.map { ($0.definition, $0.role) }
            if case .targetTracking(let configuration) = policy.kind, !configuration.metric.unresolvedDimensions.isEmpty {
                for (definition, _) in watched {
                    matching.unresolvedDimensions[definition.name] = configuration.metric.unresolvedDimensions
                }
            }
            for (definition, role) in watched {
                guard let batch = series(for: definition, in: data, loaded: matching) else {
                    missing.append(definition.name)
                    continue
                }
                alarms.append(ScalingAlarmInput(
                    definition: definition, role: role, points: batch.points,
                    rescaled: model.rescales(namespace: batch.key.namespace, name: batch.key.name,
                                             statistic: definition.statistic, dimensions: batch.key.dimensions)))
            }
            let described = Self.metricText(watched.first?.0)
            if alarms.isEmpty || (alarms.allSatisfy { $0.role == .low }) {
                let others = watched.first.map { d in
                    data.series.filter { $0.key.namespace == d.0.namespace && $0.key.name == d.0.metricName && !$0.points.isEmpty }
                } ?? []
                let seen = others.isEmpty ? "" : " (it has " + others.prefix(3).map { batch in
                    "{" + batch.key.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "}" }.joined(separator: ", ") + ")"
                lint.append("\(policy.name): never acts: no datapoints for \(described) in \(dataName)\(seen)")
                continue
            }
            if !missing.isEmpty {
                warnings.append("\(policy.name): no datapoints in \(dataName) for the alarm(s) \(missing.joined(separator: ", "))")
            }
            inputs.append(ScalingPolicyInput(policy: policy, alarms: alarms))
        }
    }

    static func metricText(_ definition: AlarmDefinition?) -> String {
        definition?.metricText ?? "its metric"
    }

    /// The series an alarm watches: the one with its metric and dimensions (unresolved ones match any value),
    /// else the only series of that metric with the same dimension names (another group's name), with a warning.
    mutating func series(for definition: AlarmDefinition, in data: PreviewData, loaded: LoadedAlarms) -> FleetUpdate.Batch? {
        let withData = data.series.filter { !$0.points.isEmpty }
        if let exact = withData.first(where: { loaded.matches(definition, $0.key) }) { return exact }
        let names = Set(definition.dimensions.map(\.name))
        let similar = withData.filter {
            $0.key.namespace == definition.namespace && $0.key.name == definition.metricName
                && Set($0.key.dimensions.map(\.name)) == names
        }
        guard similar.count == 1, let batch = similar.first else { return nil }
        warnings.append("\(definition.name): no series with \(Self.metricText(definition)); using the data's only "
            + "\(definition.metricName) series with those dimensions, "
            + batch.key.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        return batch
    }
}
