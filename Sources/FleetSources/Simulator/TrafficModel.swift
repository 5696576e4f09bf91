import FleetCore
import Foundation

/// How much traffic the fleet gets and how hard it makes the instances work.
///
/// Demand is exogenous: it follows a daily curve (peak at `peakHourUTC`, trough twelve hours
/// later at `troughShare` of the peak), times the scenario's factor, times slow noise (an AR(1)
/// process, a few percent) redrawn each minute. CPU follows each instance's own requests.
public struct TrafficModel: Sendable, Hashable {
    /// Fleet requests per minute at the daily peak (≈ 850 per target with 6 targets).
    public var peakPerMinute: Double = 5100
    /// The trough as a share of the peak.
    public var troughShare: Double = 0.4
    public var peakHourUTC: Double = 15
    /// CPU % of an idle instance.
    public var baseCPU: Double = 8
    /// CPU % per request per minute: 1000 requests/min ≈ 70 % CPU, where both scaling targets meet.
    public var cpuPerRequest: Double = 0.062

    private var rng: SplitMix64
    private var slowNoise = 0.0
    /// This minute's multiplicative noise on demand.
    public private(set) var noiseFactor = 1.0

    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed, stream: 1)
    }

    /// The daily curve at `time`, between `troughShare` and 1.
    public func dailyShape(at time: Date) -> Double {
        let secondsOfDay = time.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
        let hour = (secondsOfDay < 0 ? secondsOfDay + 86_400 : secondsOfDay) / 3600
        let wave = 0.5 + 0.5 * cos(2 * Double.pi * (hour - peakHourUTC) / 24)
        return troughShare + (1 - troughShare) * wave
    }

    /// Draws the next minute's noise.
    public mutating func nextMinute() {
        slowNoise = 0.85 * slowNoise + 0.015 * rng.normal()
        slowNoise = max(-0.12, min(0.12, slowNoise))
        noiseFactor = 1 + slowNoise + 0.01 * rng.normal()
    }

    /// Fleet demand in requests per minute at `time`.
    public func demandPerMinute(at time: Date, factor: Double) -> Double {
        max(0, peakPerMinute * dailyShape(at: time) * factor * noiseFactor)
    }

    /// CPU % of an instance that served `requests` in one minute, with `jitter` added; 0...100.
    public func cpu(requestsPerMinute requests: Double, jitter: Double) -> Double {
        max(0, min(100, baseCPU + cpuPerRequest * requests + jitter))
    }
}
