import FleetCore
import Testing
@testable import FleetSources

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
