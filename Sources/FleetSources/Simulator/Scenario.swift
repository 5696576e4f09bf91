import FleetCore

/// A named story the simulator plays, timed from the simulation's start (minute 0).
///
/// Every scenario runs on top of the same fleet: 6 instances (2 per zone), the daily traffic curve
/// (peak 15:00 UTC, trough 03:00 UTC), `/health` checks every 30 s with thresholds 3/3, and target
/// tracking at 70 % CPU (min 6, max 12). Incident effects on CPU and scaling are strongest in the
/// daytime, when the fleet is busy; at night the surviving capacity may absorb the load.
public enum Scenario: String, CaseIterable, Sendable, Codable {
    /// Nothing goes wrong. All targets stay healthy, requests per target stay under 1000, the
    /// fleet stays at its minimum of 6 instances.
    case steady

    /// The second zone (`us-east-1b`) goes dark.
    ///
    /// - minute 20: 1b loses connectivity. Its targets' health checks time out; each turns
    ///   `unhealthy` (`Target.Timeout`) at its third failed check, 60–90 s later. Its instances stop
    ///   reporting CPU. The ALB sends all traffic to 1a and 1c; CPU there climbs past 70 %.
    /// - ~minute 23: target tracking has seen 3 minutes above 70 % and raises desired capacity
    ///   (again after the 5-minute warm-up if CPU is still above 70 %); the new instances launch in
    ///   1a and 1c (launches in 1b fail), stay `Pending` 3–5 min, then `InService`/`initial` until
    ///   their first passing check makes them `healthy` (the ALB rule for a newly registered target). The 1b instances stay in the group (EC2 health
    ///   checks) and count as capacity, but scale-in leaves them alone while they report nothing.
    /// - ~minute 30: `UnHealthyHostCount` (Maximum) has been above 1 in two 5-minute periods: the
    ///   health-check alarm goes to ALARM.
    /// - minute 80: 1b comes back; its targets are `healthy` again after three passing checks.
    /// - ~minute 90: the first clean 5-minute period: the alarm returns to OK.
    /// - ~minute 95 onwards: after 15 minutes below 63 % CPU, target tracking scales in, step by
    ///   step, terminating in the zones with the most instances (`draining` for 2 minutes).
    case azOutage = "az-outage"

    /// A deployment breaks `/health` on a third of the fleet.
    ///
    /// - minute 15: the first deployment batch (a third of the InService instances, the oldest)
    ///   starts answering `/health` and requests with HTTP 500: they keep receiving traffic and
    ///   serve errors (`HTTPCode_Target_5XX_Count`) until their third failed check turns them
    ///   `unhealthy` (`Target.ResponseCodeMismatch`), 60–90 s later.
    /// - the remaining instances carry the load (requests per target above 1000), but the broken
    ///   ones idle, so the group's *average* CPU hardly moves and target tracking does not react:
    ///   only the alarm does.
    /// - ~minute 25: the health-check alarm goes to ALARM (2 unhealthy hosts for two periods).
    /// - minute 45: the deployment is rolled back; the batch passes three checks (60–90 s) and is
    ///   `healthy` again; the alarm returns to OK two periods later.
    case badDeploy = "bad-deploy"

    /// Traffic triples for half an hour.
    ///
    /// - minutes 15–18: traffic ramps up to ×3; CPU climbs (and saturates in the daytime).
    /// - minute 18 onwards: target tracking scales out, more than once, up to the maximum of 12.
    /// - minutes 45–48: traffic ramps back down to ×1.
    /// - ~minute 60 onwards: after 15 minutes below 63 % CPU, target tracking scales in, in steps
    ///   that keep the remaining instances below 63 %, back to 6.
    case trafficSpike = "traffic-spike"

    /// One line for help texts.
    public var summary: String {
        switch self {
        case .steady: "a quiet day: daily traffic curve, all targets healthy"
        case .azOutage: "us-east-1b goes dark at minute 20, back at minute 80; scale-out in 1a/1c"
        case .badDeploy: "a third of the fleet fails /health with 500 from minute 15; rolled back at minute 45"
        case .trafficSpike: "traffic ×3 from minute 15 to 45; scale out, then in"
        }
    }

    /// When the incident is under way, in seconds after the simulation's start (nil for `steady`).
    public var incidentWindow: Range<Int>? {
        switch self {
        case .steady: nil
        case .azOutage: (20 * 60)..<(80 * 60)
        case .badDeploy: (15 * 60)..<(45 * 60)
        case .trafficSpike: (15 * 60)..<(48 * 60)
        }
    }

    /// The zone that goes dark in `az-outage`: the fleet's second zone (`us-east-1b` for Erato).
    public func darkZone(fleet: FleetInfo) -> String? {
        guard self == .azOutage, !fleet.zones.isEmpty else { return nil }
        return fleet.zones[min(1, fleet.zones.count - 1)]
    }

    /// What the scenario does to the world `elapsed` seconds after the start.
    public func conditions(elapsed: Int) -> ScenarioConditions {
        var c = ScenarioConditions()
        guard let window = incidentWindow, window.contains(elapsed) else { return c }
        switch self {
        case .steady:
            break
        case .azOutage:
            c.zoneOutage = true
        case .badDeploy:
            c.badDeploy = true
        case .trafficSpike:
            // Linear ramps of 3 minutes at both ends, ×3 in between.
            let ramp = 3.0 * 60
            let up = Double(elapsed - window.lowerBound) / ramp
            let down = Double(window.upperBound - elapsed) / ramp
            c.trafficFactor = 1 + 2 * max(0, min(1, up, down))
        }
        return c
    }
}

/// What a scenario does to the world at one moment.
public struct ScenarioConditions: Sendable, Hashable {
    /// Multiplies the daily traffic curve.
    public var trafficFactor: Double = 1
    /// True while the scenario's ``Scenario/darkZone(fleet:)`` is unreachable: health checks time
    /// out, its instances publish no metrics.
    public var zoneOutage = false
    /// True while the bad deployment is live on its batch.
    public var badDeploy = false

    public init(trafficFactor: Double = 1, zoneOutage: Bool = false, badDeploy: Bool = false) {
        self.trafficFactor = trafficFactor
        self.zoneOutage = zoneOutage
        self.badDeploy = badDeploy
    }
}
