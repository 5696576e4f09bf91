import FleetCore

/// One instance inside the simulator, with what the model needs beyond what the dashboard shows.
///
/// A plain value without references (the id is kept as bits, the metric key as an output slot), so
/// the many copies a debug build makes of it stay cheap.
struct SimulatedInstance: Sendable, Hashable {
    /// The 64 random bits of its id.
    let idBits: UInt64
    /// Index into the fleet's zones.
    let zone: Int
    /// Launch order, 0 for the first instance of the simulation.
    let launchIndex: Int
    /// The output slot of its per-instance `CPUUtilization` series (`InstanceId` dimension).
    let cpuSlot: Int
    /// A constant per-instance offset of its CPU (hardware and placement differ a little).
    let cpuBias: Double

    var lifecycle: LifecycleState
    /// Elapsed seconds at which it was launched.
    var launchedAt = 0
    /// Elapsed seconds at which a `Pending` instance finishes warming up and goes `InService`.
    var readyAt: Int
    /// The target group's view of it; nil until it is registered.
    var checker: TargetHealthMachine?
    /// Elapsed seconds of its next health check.
    var nextCheck: Int = .max
    /// Elapsed seconds at which a `Terminating` instance disappears.
    var goneAt: Int = .max
    /// True while it runs the broken build of the `bad-deploy` scenario.
    var badBuild = false
    /// Requests received so far in the current minute.
    var requests = 0.0
    /// Its latest one-minute CPU, nil while it reports none.
    var cpu: Double?

    var id: String { Self.instanceID(idBits) }

    var isRegistered: Bool { checker != nil && lifecycle == .inService }
    var isHealthy: Bool { lifecycle == .inService && checker?.state == .healthy }

    /// Everything ``snapshot(zones:)`` shows, without building its strings: equal looks give equal
    /// snapshots.
    struct Look: Sendable, Equatable {
        let idBits: UInt64
        let zone: Int
        let lifecycle: LifecycleState
        let registered: Bool
        let health: TargetHealth?
        let failure: HealthCheckFailure?
        let checks: Bool
        let cpu: Double?
    }

    var look: Look {
        Look(idBits: idBits, zone: zone, lifecycle: lifecycle, registered: checker != nil, health: checker?.state,
             failure: checker?.lastFailure, checks: (checker?.checks ?? 0) > 0, cpu: cpu)
    }

    /// How the dashboard shows it.
    func snapshot(zones: [String]) -> Instance {
        let health: TargetHealth
        let reason: String?
        switch lifecycle {
        case .pending, .standby, .terminated:
            health = .unused
            reason = "Target.NotRegistered"
        case .terminating:
            health = checker == nil ? .unused : .draining
            reason = checker == nil ? "Target.NotRegistered" : "Target.DeregistrationInProgress"
        case .inService:
            health = checker?.state ?? .unused
            reason = checker?.reason
        }
        return Instance(id: id, zone: zones[zone], lifecycle: lifecycle, health: health, reason: reason, cpu: cpu)
    }

    /// `i-0` and 16 hex digits.
    static func instanceID(_ bits: UInt64) -> String {
        let hex = String(bits, radix: 16)
        return "i-0" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
