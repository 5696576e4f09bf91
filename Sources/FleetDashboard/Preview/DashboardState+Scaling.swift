import FleetCore

extension DashboardState {
    /// Opens the scaling view on the group's policies, if the dashboard has them.
    mutating func openScaling() {
        guard let scaling else {
            post("no scaling policies to preview: add `scaling:` to the configuration, or --scaling FILE")
            return
        }
        var view = ScalingWhatIf(settings: scaling)
        // The first policy that acts, so the chart has a metric.
        view.simulate(fleet: fleet)
        if let inputs = view.asDefined?.inputs.map(\.policy.name),
           let first = scaling.policies.firstIndex(where: { inputs.contains($0.name) }) {
            view.selected = first
        }
        scalingWhatIf = view
    }

    /// Simulates the scaling view again over the fleet's data (new data).
    mutating func refreshScaling() {
        scalingWhatIf?.simulate(fleet: fleet)
    }

    /// The scaling view's own actions (and `v` from the alarm preview).
    mutating func performScaling(_ action: DashboardAction) -> [DashboardEffect] {
        guard var view = scalingWhatIf else {
            if action == .scalingView { openScaling() }
            return []
        }
        if let policy = view.policy, let reason = Self.notApplicable(action, to: policy) {
            post(reason)
            return []
        }
        switch action {
        case .closePreview:
            scalingWhatIf = nil
            preview = nil
            return []
        case .scalingView:
            // Back to the alarm preview, or to the dashboard when there are no alarms.
            scalingWhatIf = nil
            if preview == nil, !fleet.alarms.isEmpty { openPreview() }
            return []
        case .export:
            guard let policy = view.policy else { return [] }
            view.showExport = true
            scalingWhatIf = view
            return [.exportScaling(policy, group: view.edited.group.name, notes: view.exportNotes)]
        case .targetUp: view.nudgeTarget(up: true, coarse: false)
        case .targetDown: view.nudgeTarget(up: false, coarse: false)
        case .targetUp10: view.nudgeTarget(up: true, coarse: true)
        case .targetDown10: view.nudgeTarget(up: false, coarse: true)
        case .lowRatioUp: view.nudgeLowRatio(up: true)
        case .lowRatioDown: view.nudgeLowRatio(up: false)
        case .warmupUp: view.nudgeWarmup(up: true)
        case .warmupDown: view.nudgeWarmup(up: false)
        case .minUp: view.nudgeLimits(min: 1)
        case .minDown: view.nudgeLimits(min: -1)
        case .maxUp: view.nudgeLimits(max: 1)
        case .maxDown: view.nudgeLimits(max: -1)
        case .scaleIn: view.toggleScaleIn()
        case .nextPolicy:
            view.nextPolicy()
            scalingWhatIf = view
            return []
        case .undo: view.edited = view.original
        default: return []
        }
        view.simulateEdited(fleet: fleet)
        scalingWhatIf = view
        return []
    }

    /// Why a what-if key does nothing to `policy` (a target on a step policy, say), for the status line.
    static func notApplicable(_ action: DashboardAction, to policy: ScalingPolicy) -> String? {
        switch (action, policy.kind) {
        case (.targetUp, .step), (.targetUp, .simple), (.targetDown, .step), (.targetDown, .simple),
             (.targetUp10, .step), (.targetUp10, .simple), (.targetDown10, .step), (.targetDown10, .simple),
             (.scaleIn, .step), (.scaleIn, .simple):
            return "\(policy.name) is a \(policy.kind.policyType) policy: the target and disable_scale_in are target tracking's (Tab: next policy)"
        case (.warmupUp, .simple), (.warmupDown, .simple):
            return "\(policy.name) is a simple scaling policy: it has a cooldown, not an instance warm-up"
        default:
            return nil
        }
    }
}
