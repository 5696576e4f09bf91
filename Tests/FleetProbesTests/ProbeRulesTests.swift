import FleetCore
import FleetSources
import Foundation
@testable import FleetProbes
import ProbeTargets
import Testing

@Suite("Probe rules: matcher, ALB health state, reason codes")
struct ProbeRulesTests {
    @Test("matchers: one code, ranges, lists", arguments: [
        ("200", [200], [201, 204, 302, 503]),
        ("200-299", [200, 204, 299], [199, 300, 302]),
        ("200,204", [200, 204], [201, 203, 302]),
        ("200-204, 301", [200, 202, 204, 301], [205, 302]),
    ])
    func matcher(text: String, pass: [Int], fail: [Int]) throws {
        let m = try StatusMatcher.parse(text).get()
        for code in pass { #expect(m.matches(code), "\(text) should accept \(code)") }
        for code in fail { #expect(!m.matches(code), "\(text) should reject \(code)") }
    }

    @Test("bad matchers are rejected", arguments: ["", "ok", "300-200", "100", "200-600", "200,,204", "2xx"])
    func badMatcher(text: String) {
        #expect(throws: MatcherError.self) { try StatusMatcher.parse(text).get() }
    }

    @Test("reason codes: mismatch, timeout, connection and TLS failures")
    func reasons() {
        let m = StatusMatcher.ok
        #expect(ProbeOutcome.status(200).reasonCode(matcher: m) == nil)
        #expect(ProbeOutcome.status(302).reasonCode(matcher: m) == "Target.ResponseCodeMismatch")
        #expect(ProbeOutcome.timeout.reasonCode(matcher: m) == "Target.Timeout")
        for o in [ProbeOutcome.connectionFailed("refused"), .malformed("x"), .dnsFailure("x"), .tlsFailure("x")] {
            #expect(o.reasonCode(matcher: m) == "Target.FailedHealthChecks")
        }
    }

    /// Steps a 3/3 tracker through checks ("P" pass, "T" timeout, "M" mismatch) and lists its
    /// state after each.
    func walk(_ checks: String) -> [String] {
        var h = TargetHealthMachine(healthyThreshold: 3, unhealthyThreshold: 3)
        return checks.map { c in
            h.record(c == "P" ? nil : c == "T" ? .timeout : .responseCodeMismatch)
            return h.state.rawValue + (h.reason.map { ":" + $0 } ?? "")
        }
    }

    @Test("initial: one pass makes it healthy; three failures unhealthy")
    func initialState() {
        #expect(TargetHealthMachine(healthyThreshold: 3, unhealthyThreshold: 3).reason == "Elb.RegistrationInProgress")
        #expect(walk("P") == ["healthy"])
        #expect(walk("TTT") == ["initial:Elb.InitialHealthChecking", "initial:Elb.InitialHealthChecking",
                                "unhealthy:Target.Timeout"])
        #expect(walk("TTPT").last == "healthy")
    }

    @Test("healthy and unhealthy need their thresholds of consecutive checks; the reason is the latest failure")
    func thresholds() {
        #expect(walk("PTT") == ["healthy", "healthy", "healthy"])
        #expect(walk("PTTPTTT").last == "unhealthy:Target.Timeout")
        #expect(walk("PTTM").last == "unhealthy:Target.ResponseCodeMismatch")
        #expect(walk("PTTTMM").last == "unhealthy:Target.ResponseCodeMismatch")
        #expect(walk("PTTTPP").last == "unhealthy:Target.Timeout")
        #expect(walk("PTTTPPP").last == "healthy")
        #expect(walk("PTTTPPTPPP").last == "healthy")
        #expect(walk("PTTTPPTPP").last == "unhealthy:Target.Timeout")
    }

    @Test("latency is shown as 0.4ms, 3.1ms, 41ms, 1.2s")
    func latencyFormat() {
        #expect(ProbeSource.formatLatency(0.0004) == "0.4ms")
        #expect(ProbeSource.formatLatency(0.0031) == "3.1ms")
        #expect(ProbeSource.formatLatency(0.041) == "41ms")
        #expect(ProbeSource.formatLatency(1.23) == "1.2s")
    }
}
