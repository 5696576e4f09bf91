import Foundation
import Testing
@testable import FleetDashboard

/// Formatting never traps, whatever the number (issue 17: a datapoint of 1e19 killed the dashboard).
@Suite struct FormatRangeTests {
    @Test("grouped", arguments: [(1e19, "1e+19"), (-1e19, "-1e+19"), (1e300, "1e+300"), (12345.6, "12,346"),
                                 (-9_999_999, "-9,999,999"), (Double.nan, "–"), (Double.infinity, "–")])
    func grouped(value: Double, expected: String) {
        #expect(Format.grouped(value) == expected)
    }

    @Test func axisLabelsAndClock() {
        #expect(Chart.compact(1e300) == "1e+294M")
        #expect(Chart.trim(1e19) == "1e+19")
        #expect(Chart.trim(.nan) == "–")
        #expect(Chart.clock(Date(timeIntervalSince1970: 1e300)).count == 5)
        #expect(Format.latency(1e300) == "999.0s")
        #expect(ReplayStatus.clock(1e300) == "2562047788015215:30:07")  // Int.max seconds
    }
}
