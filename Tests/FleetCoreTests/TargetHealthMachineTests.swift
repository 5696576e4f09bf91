import FleetCore
import Testing

/// The ALB rules of ``TargetHealthMachine``, as sequences of checks: `P` a pass, `T` a timeout,
/// `R` a response-code mismatch, `F` a failed connection.
@Suite struct TargetHealthMachineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var checks: String
        var healthy = 3
        var unhealthy = 3
        var startHealthy = false
        /// The state after each check: `i` initial, `h` healthy, `u` unhealthy.
        var states: String
        var reason: String?
        var testDescription: String { "\(startHealthy ? "healthy" : "initial") \(healthy)/\(unhealthy): \(checks)" }
    }

    static func failure(_ c: Character) -> HealthCheckFailure? {
        switch c {
        case "T": .timeout
        case "R": .responseCodeMismatch
        case "F": .failedHealthChecks
        default: nil
        }
    }

    static func letter(_ s: TargetHealth) -> Character {
        switch s {
        case .initial: "i"
        case .healthy: "h"
        case .unhealthy: "u"
        default: "?"
        }
    }

    @Test(arguments: [
        // From initial ONE pass makes a target healthy ("it must pass one health check to be considered
        // healthy"), whatever HealthyThresholdCount is.
        Case(checks: "P", states: "h"),
        Case(checks: "P", healthy: 5, states: "h"),
        Case(checks: "TP", states: "ih"),
        Case(checks: "TTP", states: "iih"),
        // UnhealthyThresholdCount failures make an initial target unhealthy.
        Case(checks: "TTT", states: "iiu", reason: "Target.Timeout"),
        Case(checks: "TTR", states: "iiu", reason: "Target.ResponseCodeMismatch"),
        Case(checks: "FF", unhealthy: 2, states: "iu", reason: "Target.FailedHealthChecks"),
        // Back from unhealthy takes HealthyThresholdCount consecutive passes; the reason stays meanwhile.
        Case(checks: "TTTPP", states: "iiuuu", reason: "Target.Timeout"),
        Case(checks: "TTTPPP", states: "iiuuuh"),
        Case(checks: "TTTPPTPPP", states: "iiuuuuuuh"),
        Case(checks: "TTTTR", states: "iiuuu", reason: "Target.ResponseCodeMismatch"),
        // A healthy target survives fewer than UnhealthyThresholdCount failures; a pass resets the count.
        Case(checks: "PTTPTT", states: "hhhhhh"),
        Case(checks: "PTTT", states: "hhhu", reason: "Target.Timeout"),
        Case(checks: "TTPTTT", startHealthy: true, states: "hhhhhu", reason: "Target.Timeout"),
        Case(checks: "TTTP", healthy: 2, unhealthy: 3, startHealthy: true, states: "hhuu", reason: "Target.Timeout"),
    ])
    func sequence(_ c: Case) {
        var machine = c.startHealthy
            ? TargetHealthMachine.healthy(healthyThreshold: c.healthy, unhealthyThreshold: c.unhealthy)
            : TargetHealthMachine(healthyThreshold: c.healthy, unhealthyThreshold: c.unhealthy)
        var states = ""
        for check in c.checks {
            machine.record(Self.failure(check))
            states.append(Self.letter(machine.state))
        }
        #expect(states == c.states)
        if machine.state != .initial { #expect(machine.reason == c.reason) }
    }

    @Test func initialReasons() {
        var machine = TargetHealthMachine(healthyThreshold: 3, unhealthyThreshold: 3)
        #expect(machine.state == .initial)
        #expect(machine.reason == "Elb.RegistrationInProgress")
        let changed1 = machine.record(.timeout)
        #expect(changed1)
        #expect(machine.state == .initial)
        #expect(machine.reason == "Elb.InitialHealthChecking")
        let changed2 = machine.record(.timeout)
        #expect(!changed2)
        let changed3 = machine.record(nil)
        #expect(changed3)
        #expect(machine.state == .healthy)
        #expect(machine.reason == nil)
        #expect(machine.checks == 3)
    }

    @Test func recordReportsChangesOnly() {
        var machine = TargetHealthMachine.healthy(healthyThreshold: 3, unhealthyThreshold: 2)
        let changed4 = machine.record(nil)
        #expect(!changed4)
        let changed5 = machine.record(.timeout)
        #expect(!changed5)
        let changed6 = machine.record(.timeout)
        #expect(changed6)
        let changed7 = machine.record(.failedHealthChecks)
        #expect(changed7)  // same state, new reason
        #expect(machine.reason == "Target.FailedHealthChecks")
    }

    @Test func thresholdsAreAtLeastOne() {
        var machine = TargetHealthMachine(healthyThreshold: 0, unhealthyThreshold: 0)
        #expect(machine.healthyThreshold == 1 && machine.unhealthyThreshold == 1)
        machine.record(.timeout)
        #expect(machine.state == .unhealthy)
        machine.record(nil)
        #expect(machine.state == .healthy)
    }
}
