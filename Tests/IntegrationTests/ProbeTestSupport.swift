import FleetCore
import Foundation
@testable import FleetProbes
import ProbeTargets

/// Fast settings for tests: checks every second of (fake) time, a 0.4 s hard timeout,
/// thresholds 2/2.
extension ProbeSettings {
    static func fastTest(timeout: TimeInterval = 0.4, matcher: String = "200", insecure: Bool = false) -> ProbeSettings {
        guard case .success(let m) = StatusMatcher.parse(matcher) else { fatalError("bad matcher \(matcher)") }
        return ProbeSettings(interval: 1, timeout: timeout, healthyThreshold: 2, unhealthyThreshold: 2,
                             matcher: m, insecure: insecure)
    }
}

enum ProbeDrive {
    static let t0 = Date(timeIntervalSince1970: 1_767_618_000)

    /// Runs `rounds` rounds: polls at fake time `t0 + k × interval` (so each round starts at
    /// once) and keeps polling until every target has finished round k, or `limit` passes.
    /// Returns every update and the wall-clock seconds each round took.
    static func rounds(_ source: ProbeSource, _ rounds: Int, from start: Int = 0, interval: TimeInterval = 1,
                       limit: Duration = .seconds(20)) async throws -> (updates: [FleetUpdate], seconds: [Double]) {
        var updates: [FleetUpdate] = []
        var seconds: [Double] = []
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        for k in start..<(start + rounds) {
            let now = t0.addingTimeInterval(Double(k) * interval)
            let begin = clock.now
            updates.append(try await source.poll(now: now))
            while await source.completedRounds < k + 1 {
                guard clock.now < deadline else { throw DriveError.timedOut(round: k) }
                try await Task.sleep(for: .milliseconds(5))
                updates.append(try await source.poll(now: now))
            }
            let d = clock.now - begin
            seconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        return (updates, seconds)
    }

    enum DriveError: Error { case timedOut(round: Int) }
}
