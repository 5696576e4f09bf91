import FleetCore
import Foundation

/// `fleetwatch preview --scaling` output: the assumptions and load model stated, the lint, the activities in
/// Auto Scaling's own words, the capacity path, and a summary beside what the data says really happened.
public struct ScalingReport: Sendable {
    public var preview: ScalingPreview
    public var group: ScalingGroup
    public var initialCapacity: Int
    public var model: LoadModel
    public var assumptions: ScalingAssumptions
    public var policies: [ScalingPolicy]
    public var lint: [String]
    /// What the group really did, where the data holds it (``PreviewData/activities``).
    public var realActivities: [FleetEvent]?

    public init(preview: ScalingPreview, group: ScalingGroup, initialCapacity: Int, model: LoadModel,
                assumptions: ScalingAssumptions, policies: [ScalingPolicy], lint: [String], realActivities: [FleetEvent]? = nil) {
        self.realActivities = realActivities
        self.preview = preview
        self.group = group
        self.initialCapacity = initialCapacity
        self.model = model
        self.assumptions = assumptions
        self.policies = policies
        self.lint = lint
    }

    var recordedPeak: Int? { preview.recorded?.peak(from: preview.start, to: preview.end) }
    var recordedHours: Double? { preview.recorded.map { $0.instanceHours(from: preview.start, to: preview.end) } }

    // MARK: text

    public var text: String {
        let p = preview
        var lines = ["scaling preview of \(group.name) (min \(group.minSize), max \(group.maxSize), starting at \(initialCapacity)) "
            + "from \(ISOTime.string(p.start)) to \(ISOTime.string(p.end))"]
        lines.append("  policies: " + (policies.isEmpty ? "none that can act" : policies.map { "\($0.name) (\($0.kind.policyType))" }.joined(separator: ", ")))
        lines.append("  " + model.statement)
        lines += assumptions.lines.map { "  assumed: " + $0 }
        for line in lint { lines.append("  lint: " + line) }
        lines.append("")
        lines.append(p.activities.isEmpty ? "no scaling activities" : "activities:")
        for activity in p.activities { lines.append("  " + activity.cause) }
        if let real = realActivities {
            lines.append("")
            lines.append(real.isEmpty ? "no real scaling activities in the data" : "real activities (the data's scaling events):")
            for event in real { lines.append("  " + event.text) }
        }
        lines.append("")
        lines.append("capacity: " + p.path.steps.map { "\(Self.clock($0.time)) \($0.capacity)" }.joined(separator: " → "))
        lines.append("")
        lines.append("summary             simulated   recorded")
        lines.append(Self.row("peak capacity", "\(p.peakCapacity)", recordedPeak.map(String.init)))
        lines.append(Self.row("instance-hours", Self.number(p.instanceHours), recordedHours.map(Self.number)))
        lines.append(Self.row("activities", "\(p.activities.count)", realActivities.map { "\($0.count)" }))
        for minutes in p.aboveTarget {
            lines.append(Self.row("min above \(Self.number(minutes.target))", "\(minutes.simulated)", "\(minutes.recorded)")
                + "   (\(minutes.policy))")
        }
        if p.recorded == nil { lines.append("  (the data holds no record of the group's capacity)") }
        return lines.joined(separator: "\n")
    }

    static func row(_ label: String, _ simulated: String, _ recorded: String?) -> String {
        label.padding(toLength: 20, withPad: " ", startingAt: 0)
            + simulated.padding(toLength: 12, withPad: " ", startingAt: 0) + (recorded ?? "—")
    }

    static func clock(_ date: Date) -> String {
        let text = ISOTime.string(date)
        guard let t = text.firstIndex(of: "T") else { return text }
        return String(text[text.index(after: t)...].prefix(5))
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    // MARK: JSON

    struct JSONRoot: Encodable {
        struct Activity: Encodable { var time: String; var policy: String; var alarm: String; var from: Int; var to: Int; var cause: String }
        struct RealActivity: Encodable { var time: String; var from: Int; var to: Int; var cause: String }
        struct Step: Encodable { var time: String; var capacity: Int }
        struct Above: Encodable { var policy: String; var target: Double; var simulated_minutes: Int; var recorded_minutes: Int }
        struct Summary: Encodable {
            var peak_capacity: Int
            var instance_hours: Double
            var recorded_peak_capacity: Int?
            var recorded_instance_hours: Double?
            var minutes_above_target: [Above]
        }
        var group: String
        var min: Int
        var max: Int
        var initial_capacity: Int
        var start: String
        var end: String
        var model: String
        var model_statement: String
        var assumptions: [String]
        var policies: [String]
        var lint: [String]
        var activities: [Activity]
        var real_activities: [RealActivity]?
        var capacity: [Step]
        var recorded_capacity: [Step]?
        var summary: Summary
    }

    public var json: String {
        let p = preview
        let steps: (CapacityPath) -> [JSONRoot.Step] = { $0.steps.map { .init(time: ISOTime.string($0.time), capacity: $0.capacity) } }
        let root = JSONRoot(
            group: group.name, min: group.minSize, max: group.maxSize, initial_capacity: initialCapacity,
            start: ISOTime.string(p.start), end: ISOTime.string(p.end), model: model.rawValue,
            model_statement: model.statement, assumptions: assumptions.lines, policies: policies.map(\.name), lint: lint,
            activities: p.activities.map { .init(time: ISOTime.string($0.time), policy: $0.policy, alarm: $0.alarm,
                                                 from: $0.from, to: $0.to, cause: $0.cause) },
            real_activities: realActivities?.compactMap { e in
                e.capacityChange.map { .init(time: ISOTime.string(e.time), from: $0.from, to: $0.to, cause: e.text) }
            },
            capacity: steps(p.path), recorded_capacity: p.recorded.map(steps),
            summary: .init(peak_capacity: p.peakCapacity, instance_hours: (p.instanceHours * 1000).rounded() / 1000,
                           recorded_peak_capacity: recordedPeak,
                           recorded_instance_hours: recordedHours.map { ($0 * 1000).rounded() / 1000 },
                           minutes_above_target: p.aboveTarget.map { .init(policy: $0.policy, target: $0.target,
                                                                            simulated_minutes: $0.simulated,
                                                                            recorded_minutes: $0.recorded) }))
        return PreviewReport.encode(root, fallback: "{}")
    }
}
