import FleetCore
import Testing
@testable import FleetSources

@Suite("Health-check thresholds")
struct HealthCheckerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var start: TargetHealth
        var results: [HealthCheckResult]
        var health: TargetHealth
        var reason: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "new target before any check", start: .initial, results: [], health: .initial,
             reason: "Elb.RegistrationInProgress"),
        Case(name: "new target, 2 passes: still initial", start: .initial, results: [.pass, .pass],
             health: .initial, reason: "Elb.RegistrationInProgress"),
        Case(name: "new target, 3 passes: healthy", start: .initial, results: [.pass, .pass, .pass],
             health: .healthy, reason: nil),
        Case(name: "new target, 3 timeouts: unhealthy", start: .initial, results: [.timeout, .timeout, .timeout],
             health: .unhealthy, reason: "Target.Timeout"),
        Case(name: "healthy, 2 failures: still healthy", start: .healthy, results: [.timeout, .timeout],
             health: .healthy, reason: nil),
        Case(name: "healthy, 3 timeouts: unhealthy", start: .healthy, results: [.timeout, .timeout, .timeout],
             health: .unhealthy, reason: "Target.Timeout"),
        Case(name: "healthy, 3 HTTP 500: unhealthy, code mismatch", start: .healthy,
             results: [.responseCode(500), .responseCode(500), .responseCode(500)],
             health: .unhealthy, reason: "Target.ResponseCodeMismatch"),
        Case(name: "healthy, 3 refused: failed health checks", start: .healthy,
             results: [.connectionFailed, .connectionFailed, .connectionFailed],
             health: .unhealthy, reason: "Target.FailedHealthChecks"),
        Case(name: "healthy, a pass between failures resets the count", start: .healthy,
             results: [.timeout, .timeout, .pass, .timeout, .timeout], health: .healthy, reason: nil),
        Case(name: "unhealthy, 2 passes: still unhealthy", start: .healthy,
             results: [.timeout, .timeout, .timeout, .pass, .pass], health: .unhealthy, reason: "Target.Timeout"),
        Case(name: "unhealthy, 3 passes: healthy again", start: .healthy,
             results: [.timeout, .timeout, .timeout, .pass, .pass, .pass], health: .healthy, reason: nil),
        Case(name: "unhealthy, reason follows the latest failure", start: .healthy,
             results: [.timeout, .timeout, .timeout, .responseCode(502)], health: .unhealthy,
             reason: "Target.ResponseCodeMismatch"),
    ]

    @Test(arguments: cases)
    func thresholds(_ c: Case) {
        var checker = c.start == .healthy ? HealthChecker.healthy() : HealthChecker()
        for r in c.results { checker.record(r) }
        #expect(checker.health == c.health)
        #expect(checker.reason == c.reason)
    }

    @Test func customThresholds() {
        var checker = HealthChecker.healthy(config: HealthCheckConfig(healthyThreshold: 5, unhealthyThreshold: 2))
        checker.record(.timeout)
        #expect(checker.health == .healthy)
        checker.record(.timeout)
        #expect(checker.health == .unhealthy)
        for _ in 0..<4 { checker.record(.pass) }
        #expect(checker.health == .unhealthy)
        checker.record(.pass)
        #expect(checker.health == .healthy)
    }
}

@Suite("Target tracking")
struct TargetTrackingTests {
    /// Feeds `averages` one minute apart and returns the desired capacity after each.
    func feed(_ averages: [Double], desired start: Int = 6, reporting: Int? = nil, warmingUp: Bool = false) -> [Int] {
        var scaler = TargetTrackingScaler()
        var desired = start
        var out: [Int] = []
        for (i, a) in averages.enumerated() {
            if let next = scaler.observe(average: a, reporting: reporting ?? desired, elapsed: (i + 1) * 60,
                                         desired: desired, warmingUp: warmingUp) {
                desired = next
            }
            out.append(desired)
        }
        return out
    }

    @Test func scalesOutAfterThreeMinutesAbove() {
        #expect(feed([80, 80]) == [6, 6])
        #expect(feed([80, 80, 80]) == [6, 6, 7])  // ceil(6 × 80 / 70) = 7
        #expect(feed([80, 60, 80, 80]) == [6, 6, 6, 6])  // the streak was broken
        #expect(feed([100, 100, 100]).last == 9)  // ceil(6 × 100 / 70) = 9
    }

    @Test func waitsForWarmupBeforeScalingOutAgain() {
        let out = feed(Array(repeating: 90, count: 10))
        #expect(out[2] == 8)  // minute 3: ceil(6 × 90 / 70) = 8
        #expect(out[3...6].allSatisfy { $0 == 8 })  // warming up
        #expect(out[7] == 11)  // minute 8: 5 minutes later, ceil(8 × 90 / 70) = 11
    }

    @Test func staysWithinMinAndMax() {
        #expect(feed(Array(repeating: 100, count: 30)).allSatisfy { (6...12).contains($0) })
        #expect(feed(Array(repeating: 100, count: 30)).last == 12)
        #expect(feed(Array(repeating: 5, count: 60)).allSatisfy { $0 == 6 })
    }

    @Test func scalesInOnlyAfterFifteenMinutesBelow() {
        let out = feed(Array(repeating: 30, count: 16), desired: 12)
        #expect(out[13] == 12)
        #expect(out[14] < 12)  // minute 15
        #expect(out[14] >= 6)
        // Keeps enough instances to stay under 63 %: 12 × 30 / 63 = 5.7 → 6.
        #expect(out[14] == 6)
        #expect(feed(Array(repeating: 64, count: 30), desired: 8).allSatisfy { $0 == 8 })  // between 63 and 70
    }

    @Test func neverScalesInWhileInstancesWarmUp() {
        #expect(feed(Array(repeating: 30, count: 20), desired: 10, warmingUp: true).allSatisfy { $0 == 10 })
    }

    @Test func keepsSilentInstancesAsCapacity() {
        // 6 of 8 report (a dark zone holds the rest) at 59 %: removing one would push them over 63 %.
        #expect(feed(Array(repeating: 59, count: 30), desired: 8, reporting: 6).allSatisfy { $0 == 8 })
    }
}
