/// SplitMix64 (Steele, Lea & Flood, 2014): a tiny, fast, seedable generator.
///
/// The simulator uses it instead of `SystemRandomNumberGenerator` so the same seed gives the same
/// fleet, bit for bit. Its helpers use only integer and basic floating-point arithmetic (no libm),
/// so the stream does not depend on the platform's math library either.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// An independent generator for one part of the model (traffic, ids, health checks, ...), so
    /// that drawing more numbers in one part does not shift the others.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in `[lo, hi)`.
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * unit()
    }

    /// An integer in `0..<n` (`n` small; the bias of the multiply-shift is below 2⁻⁵⁰).
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0)
        return Int(unit() * Double(n))
    }

    /// Approximately standard normal (Irwin–Hall: the sum of 12 uniforms minus 6), bounded to ±6.
    public mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }
}
