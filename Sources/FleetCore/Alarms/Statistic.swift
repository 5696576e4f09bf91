import Foundation

/// A CloudWatch statistic, parsed from its API name.
///
/// Supported: `SampleCount`, `Average`, `Sum`, `Minimum`, `Maximum` and percentiles `pNN` / `pNN.NN`
/// (0 ... 100). Trimmed means and other extended statistics (`tm99`, `IQM`, `wm`, `tc`, `ts`, `PR`) are not.
public enum Statistic: Sendable, Hashable, CustomStringConvertible {
    case sampleCount, average, sum, minimum, maximum
    /// A percentile, 0 ... 100 (`p99` is `.percentile(99)`).
    case percentile(Double)

    /// Parses `SampleCount`, `Average`, `Sum`, `Minimum`, `Maximum`, `pNN`, `pNN.NN`; nil otherwise.
    public init?(_ name: String) {
        switch name {
        case "SampleCount": self = .sampleCount
        case "Average": self = .average
        case "Sum": self = .sum
        case "Minimum": self = .minimum
        case "Maximum": self = .maximum
        default:
            guard name.first == "p" else { return nil }
            let digits = name.dropFirst()
            guard !digits.isEmpty, digits.first != ".", digits.last != ".",
                  digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let value = Double(digits), (0...100).contains(value) else { return nil }
            self = .percentile(value)
        }
    }

    public var description: String {
        switch self {
        case .sampleCount: "SampleCount"
        case .average: "Average"
        case .sum: "Sum"
        case .minimum: "Minimum"
        case .maximum: "Maximum"
        case .percentile(let p):
            p == p.rounded() ? "p\(Int(p))" : "p\(p)"
        }
    }

    public var isPercentile: Bool {
        if case .percentile = self { true } else { false }
    }

    /// The fewest samples a period needs for this percentile to count as statistically significant:
    /// `10 / (1 - p)` for 0.5 <= p < 1 and `10 / p` for 0 < p < 0.5 (p as a fraction), as the CloudWatch
    /// docs give it ("Percentile-based alarms and low data samples"). `p99` needs 1000, `p50` 20, `p10` 100.
    /// nil for other statistics and for `p0` / `p100` (minimum and maximum need no large sample).
    public var lowSampleCountThreshold: Double? {
        guard case .percentile(let pct) = self, pct > 0, pct < 100 else { return nil }
        let raw = pct >= 50 ? 1000 / (100 - pct) : 1000 / pct
        return (raw * 1e6).rounded() / 1e6  // 10/(1-0.999) is 10000.000000000009 in binary
    }
}

extension Statistic {
    /// Aggregates time-ordered points into periods of `period` seconds aligned to the epoch.
    /// Non-finite values are skipped; an unordered input is sorted first. Works on contiguous storage so
    /// that callers in other modules do not run unspecialized generic code.
    func aggregate<C: Collection>(_ points: C, period: Int) -> [Datapoint] where C.Element == Datapoint {
        if let result = points.withContiguousStorageIfAvailable({ aggregate(buffer: $0, period: period) }) {
            return result
        }
        return Array(points).withUnsafeBufferPointer { aggregate(buffer: $0, period: period) }
    }

    private func aggregate(buffer points: UnsafeBufferPointer<Datapoint>, period: Int) -> [Datapoint] {
        var previous = -Double.infinity
        var ordered = true
        for point in points {
            let t = point.time.timeIntervalSince1970
            if t < previous { ordered = false; break }
            previous = t
        }
        if ordered { return aggregateOrdered(points, period: period) }
        return points.sorted { $0.time < $1.time }.withUnsafeBufferPointer { aggregateOrdered($0, period: period) }
    }

    private func aggregateOrdered(_ points: UnsafeBufferPointer<Datapoint>, period: Int) -> [Datapoint] {
        let p = Double(period)
        var out: [Datapoint] = []
        out.reserveCapacity(points.count)
        var acc = Accumulator(keepSamples: isPercentile)
        var bucket = Double.nan
        for point in points {
            let v = point.value
            guard v.isFinite else { continue }
            let b = (point.time.timeIntervalSince1970 / p).rounded(.down) * p
            if b != bucket {
                if acc.count > 0 {
                    out.append(Datapoint(time: Date(timeIntervalSince1970: bucket), value: acc.finish(self)))
                }
                acc.reset()
                bucket = b
            }
            acc.add(v)
        }
        if acc.count > 0 {
            out.append(Datapoint(time: Date(timeIntervalSince1970: bucket), value: acc.finish(self)))
        }
        return out
    }

    /// Nearest-rank percentile of ascending `sorted` (non-empty): the value at rank `ceil(pct/100 * n)`.
    /// CloudWatch does not document its interpolation; nearest-rank always returns a real sample.
    static func nearestRank(_ sorted: UnsafeBufferPointer<Double>, _ pct: Double) -> Double {
        let n = sorted.count
        let rank = Int((pct * Double(n) / 100 - 1e-9).rounded(.up))
        return sorted[min(max(rank, 1), n) - 1]
    }
}

/// Running statistics of one period; the sample buffer is reused from period to period.
private struct Accumulator {
    var count = 0
    var sum = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var samples: [Double] = []
    let keepSamples: Bool

    init(keepSamples: Bool) { self.keepSamples = keepSamples }

    mutating func reset() {
        count = 0
        sum = 0
        minimum = .infinity
        maximum = -.infinity
        samples.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func add(_ v: Double) {
        count += 1
        sum += v
        if v < minimum { minimum = v }
        if v > maximum { maximum = v }
        if keepSamples { samples.append(v) }
    }

    mutating func finish(_ statistic: Statistic) -> Double {
        switch statistic {
        case .sampleCount: return Double(count)
        case .sum: return sum
        case .average: return sum / Double(count)
        case .minimum: return minimum
        case .maximum: return maximum
        case .percentile(let pct):
            samples.sort()
            return samples.withUnsafeBufferPointer { Statistic.nearestRank($0, pct) }
        }
    }
}
