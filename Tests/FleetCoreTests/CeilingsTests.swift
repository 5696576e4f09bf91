import FleetCore
import Foundation
import Testing

/// Numbers from outside never trap a conversion, and the ceilings read in their errors (issue 17).
@Suite struct CeilingsTests {
    @Test("Int(saturating:) clamps what Int(_:) traps on", arguments: [
        (1e19, Int.max), (-1e19, Int.min), (Double.infinity, Int.max), (-Double.infinity, Int.min),
        (Double.nan, 0), (1e300, Int.max), (42.9, 42), (-42.9, -42),
    ])
    func saturating(value: Double, expected: Int) {
        #expect(Int(saturating: value) == expected)
    }

    @Test func isoTimeOfAnyDateDoesNotTrap() {
        #expect(ISOTime.string(Date(timeIntervalSince1970: 1e300)).hasSuffix("Z"))
        #expect(ISOTime.string(Date(timeIntervalSince1970: -1e300)).hasSuffix("Z"))
        #expect(ISOTime.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test("times outside 1970…2999 are refused", arguments: ["1000000000000000000", "1e300", "-1", "3000-01-01T00:00:00Z"])
    func timestampsOutOfRange(text: String) {
        #expect(ISOTime.parse(text) == nil)
    }

    @Test func timestampsInRange() {
        #expect(ISOTime.parse("2999-12-31T23:59:59Z") != nil)
        #expect(ISOTime.parse("0") == Date(timeIntervalSince1970: 0))
    }

    @Test func ageOfAFarOffSuccessDoesNotTrap() {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        #expect(SourceStatus(name: "x", detail: "", health: .ok, lastSuccess: Date(timeIntervalSince1970: 1e300)).age(at: now) == 0)
        #expect(SourceStatus(name: "x", detail: "", health: .ok, lastSuccess: Date(timeIntervalSince1970: -1e300)).age(at: now) == Int.max)
    }

    @Test func seriesCapacityZeroIsClampedNotATrap() {
        let series = Series(key: MetricKey(namespace: "N", name: "M", statistic: "Average"), unit: "", capacity: 0)
        #expect(series.capacity == 1)
    }

    @Test func exceededNamesTheCeiling() {
        #expect(Ceilings.exceeded(3650 * 86400, Ceilings.prefill, for: "prefill") == "3650d is more than the 7d ceiling for prefill")
        #expect(Ceilings.exceeded(1e23, Ceilings.duration, for: "every") == "1e+23s is more than the 366d ceiling for every")
        #expect(Ceilings.exceeded(60, Ceilings.prefill, for: "prefill") == nil)
    }
}
