@testable import FleetCore
import Foundation
import Testing

/// ``FleetSummary``'s sparklines, CPU, requests and 5XX rate, made without a table per point in time
/// (``FleetSummary/minutes(_:_:from:to:mean:)``), equal what the table-per-minute way computed (kept
/// here as the reference) over random series: gaps, points off the minute, points after the clock,
/// fleet-wide and per-zone series, several fleet-wide ones.
@Suite("Fleet summary: sparklines over random series")
struct FleetSummaryMinutesTests {
    /// The reference: every point of the chosen series in the window into a table by time, then
    /// looked up at each whole minute before the newest (as `FleetSummary` did before).
    static func reference(_ state: FleetState) -> (cpu: Double?, cpuSpark: [Double?], requests: Double?,
                                                   requestsSpark: [Double?], fiveXX: Double?) {
        let end = state.time
        let from = end.addingTimeInterval(-Double(FleetSummary.sparkMinutes * 60))
        func chosen(_ metric: PanelMetric) -> [Series] {
            let all = state.series.values.filter { $0.key.dimension("InstanceId") == nil && PanelMetric(key: $0.key) == metric }
            let whole = all.filter { $0.key.zone == nil }
            return whole.isEmpty ? all.filter { $0.key.zone != nil } : [whole.min { $0.key < $1.key }!]
        }
        func minutes(_ series: [Series], mean: Bool) -> [Date: Double] {
            var acc: [Date: (Double, Int)] = [:]
            for s in series {
                for p in s.points(from: from, to: end) {
                    let prev = acc[p.time] ?? (0, 0)
                    acc[p.time] = (prev.0 + p.value, prev.1 + 1)
                }
            }
            return acc.mapValues { mean ? $0.0 / Double($0.1) : $0.0 }
        }
        func spark(_ values: [Date: Double]) -> [Double?] {
            let newest = values.keys.max() ?? end
            return (0..<FleetSummary.sparkMinutes).map { i in
                values[newest.addingTimeInterval(-Double((FleetSummary.sparkMinutes - 1 - i) * 60))]
            }
        }
        let cpu = minutes(chosen(.cpu), mean: true)
        let requests = minutes(chosen(.requests), mean: false)
        let newestRequests = requests.keys.max()
        var fiveXX: Double?
        let errors = state.series.values.filter { ErrorMetric(key: $0.key).map { $0 == .target5xx || $0 == .elb5xx } ?? false }
        if let t = newestRequests, let total = requests[t], total > 0, !errors.isEmpty {
            var sum = 0.0
            for metric in [ErrorMetric.target5xx, .elb5xx] {
                let whole = errors.filter { ErrorMetric(key: $0.key) == metric && $0.key.zone == nil }
                let parts = errors.filter { ErrorMetric(key: $0.key) == metric && $0.key.zone != nil }
                for s in whole.isEmpty ? parts : [whole.min { $0.key < $1.key }!] { sum += s.value(at: t) ?? 0 }
            }
            fiveXX = sum / total
        }
        return (cpu.keys.max().flatMap { cpu[$0] }, spark(cpu), newestRequests.flatMap { requests[$0] }, spark(requests), fiveXX)
    }

    static func state(_ random: inout SplitMix64) -> FleetState {
        let zones = ["us-east-1a", "us-east-1b", "us-east-1c"].prefix(1 + random.int(below: 3))
        let info = FleetInfo(name: "f", region: "us-east-1", zones: Array(zones), loadBalancer: "f-alb", autoScalingGroup: "f-asg")
        let end = Date(timeIntervalSince1970: 1_767_618_000 + Double(random.int(below: 3) * 60 + random.int(below: 2) * 17))
        var state = FleetState(time: end, fleet: info, seriesCapacity: 60 + random.int(below: 60))
        var batches: [FleetUpdate.Batch] = []
        func points() -> [Datapoint] {
            var out: [Datapoint] = []
            let newestMinute = random.int(below: 4)  // 0: a point at the clock's minute; later ones lie beyond it
            for m in 0..<(20 + random.int(below: 30)) where random.int(below: 6) != 0 {
                var t = Double(-m * 60 + (newestMinute == 3 ? 60 : 0))
                if random.int(below: 15) == 0 { t += Double(1 + random.int(below: 59)) }  // off the minute
                out.append(Datapoint(time: end.addingTimeInterval(t - Double(Int(end.timeIntervalSince1970) % 60)),
                                     value: Double(random.int(below: 1000)) / Double(1 + random.int(below: 7))))
            }
            return out
        }
        for metric in [PanelMetric.cpu, .requests] {
            if random.int(below: 3) != 0 { batches.append(.init(key: metric.key(fleet: info), unit: metric.unit, points: points())) }
            if random.int(below: 5) == 0 {
                // A second fleet-wide series under another group or load balancer: the first by key counts.
                var other = info
                other.autoScalingGroup = "a-asg"
                other.loadBalancer = "a-alb"
                batches.append(.init(key: metric.key(fleet: other), unit: metric.unit, points: points()))
            }
            for zone in zones where random.int(below: 4) != 0 {
                batches.append(.init(key: metric.key(fleet: info, zone: zone), unit: metric.unit, points: points()))
            }
        }
        for metric in [ErrorMetric.target5xx, .elb5xx] where random.int(below: 2) == 0 {
            if random.int(below: 2) == 0 { batches.append(.init(key: metric.key(fleet: info), unit: metric.unit, points: points())) }
            for zone in zones where random.int(below: 2) == 0 {
                batches.append(.init(key: metric.key(fleet: info, zone: zone), unit: metric.unit, points: points()))
            }
        }
        state.apply(FleetUpdate(time: end, metrics: batches))
        return state
    }

    @Test("the summary's numbers are the table-per-minute reference's", arguments: 1...6)
    func matchesTheReference(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for run in 0..<150 {
            let state = Self.state(&random)
            let summary = FleetSummary(state)
            let expected = Self.reference(state)
            #expect(summary.cpu == expected.cpu, "run \(run)")
            #expect(summary.cpuSpark == expected.cpuSpark, "run \(run)")
            #expect(summary.requestsPerMinute == expected.requests, "run \(run)")
            #expect(summary.requestsSpark == expected.requestsSpark, "run \(run)")
            #expect(summary.fiveXXRate == expected.fiveXX, "run \(run)")
        }
    }

    @Test func emptySeriesGiveNoValues() {
        let info = FleetInfo(name: "f", region: "us-east-1", zones: ["us-east-1a"], loadBalancer: "f-alb", autoScalingGroup: "f-asg")
        let summary = FleetSummary(FleetState(time: Date(timeIntervalSince1970: 1_767_618_000), fleet: info))
        #expect(summary.cpu == nil && summary.requestsPerMinute == nil && summary.fiveXXRate == nil)
        #expect(summary.cpuSpark == Array(repeating: nil, count: FleetSummary.sparkMinutes))
    }
}
