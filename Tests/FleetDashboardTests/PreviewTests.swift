import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("Alarm threshold preview")
struct PreviewTests {
    func opened() -> DashboardState {
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.update(.key(.char("a")))
        return s
    }

    @Test("a opens the preview on the alarm; it evaluates the fleet's data like CloudWatch")
    func opens() throws {
        let s = opened()
        let p = try #require(s.preview)
        #expect(p.original.name == "erato-health-check-failures")
        let outcome = try #require(p.originalOutcome)
        // The fixture's 1b goes unhealthy (3 hosts) from minute 32 of 60: 5-minute maxima breach from
        // the period starting at minute 30; 2 of 2 → ALARM at the end of the second one.
        #expect(outcome.timeline.timesFired == 1)
        #expect(outcome.timeline.finalState == .alarm)
        #expect(outcome.breaching.count == 6)
        #expect(outcome.alarmIntervals.count == 1)
    }

    @Test("editing: ↑ raises the threshold above the data and the alarm never fires; Esc changes nothing")
    func edit() throws {
        var s = opened()
        for _ in 0..<3 { s.update(.key(.up)) }
        let p = try #require(s.preview)
        #expect(p.edited.threshold == 4)
        #expect(p.editedOutcome?.timeline.timesFired == 0)
        #expect(p.originalOutcome?.timeline.timesFired == 1)
        #expect(s.view().text.contains("never fired"))
        s.update(.key(.escape))
        #expect(s.preview == nil)
        #expect(s.fleet.alarms[0].definition.threshold == 1)
    }

    @Test("N, M, statistic, period, missing data and comparison keys change the definition", arguments: [
        (Key.char("n"), "> 1, 2 of 3 × 5m, Maximum, missing: missing"),
        (Key.char("N"), "> 1, 1 of 1 × 5m, Maximum, missing: missing"),
        (Key.char("M"), "> 1, 1 of 2 × 5m, Maximum, missing: missing"),
        (Key.char("s"), "> 1, 2 of 2 × 5m, Average, missing: missing"),
        (Key.char("r"), "> 1, 2 of 2 × 15m, Maximum, missing: missing"),
        (Key.char("x"), "> 1, 2 of 2 × 5m, Maximum, missing: notBreaching"),
        (Key.char("c"), ">= 1, 2 of 2 × 5m, Maximum, missing: missing"),
        (Key.pageUp, "> 10, 2 of 2 × 5m, Maximum, missing: missing"),
        (Key.down, "> 0, 2 of 2 × 5m, Maximum, missing: missing"),
    ])
    func keys(key: Key, rule: String) throws {
        var s = opened()
        s.update(.key(key))
        #expect(PreviewView.rule(try #require(s.preview).edited) == rule)
    }

    @Test("M out of N: 3 of 5 fires later than 2 of 2 on the same data")
    func mOfN() throws {
        var s = opened()
        s.update(.key(.char("n")))
        s.update(.key(.char("n")))
        s.update(.key(.char("n")))
        s.update(.key(.char("m")))
        let p = try #require(s.preview)
        #expect(p.edited.evaluationPeriods == 5 && p.edited.datapointsToAlarm == 3)
        let edited = try #require(p.editedOutcome?.timeline.firstFired)
        let original = try #require(p.originalOutcome?.timeline.firstFired)
        #expect(edited.timeIntervalSince(original) == 300)
    }

    @Test("w returns the export effect; the written text shows in the preview until the next key")
    func export() throws {
        var s = opened()
        s.update(.key(.up))
        let effects = s.update(.key(.char("w")))
        #expect(effects.count == 2)
        guard case .writeChart(let fileName, let svg) = effects.last else {
            Issue.record("expected the chart after the export, got \(effects)")
            return
        }
        #expect(fileName == "erato-health-check-failures-preview.svg")
        #expect(svg.contains("changed (threshold 1 → 2)") && svg.contains("as defined: fired 1 time"))
        guard case .export(let definition) = try #require(effects.first) else {
            Issue.record("expected an export effect, got \(effects)")
            return
        }
        // The definition is the edited one (threshold 1 → 2); its Terraform and put-metric-alarm text are
        // the AlarmDefinitions writers' (AlarmWritersTests), which the loop calls for this effect.
        #expect(definition.name == "erato-health-check-failures")
        #expect(definition.threshold == 2 && definition.statistic == "Maximum" && definition.period == 300)
        let text = "resource \"aws_cloudwatch_metric_alarm\" \"erato_health_check_failures\" {\n  threshold           = 2\n}"
        #expect(s.view().text.contains("writing…"))
        s.update(.exported(text))
        #expect(s.view().text.contains("Export") && s.view().text.contains("  threshold           = 2"))
        s.update(.key(.char("z")))
        #expect(!s.view().text.contains("Export") && s.preview != nil)
    }

    @Test("preview frame", arguments: [GlyphSet.braille, .ascii])
    func frame(glyphs: GlyphSet) throws {
        var s = opened()
        s.glyphs = glyphs
        s.update(.key(.char("n")))
        s.update(.key(.char("n")))
        s.update(.key(.char("m")))
        try expectFrame(s.view(), named: "preview-160x48-\(glyphs.rawValue)")
    }
}
