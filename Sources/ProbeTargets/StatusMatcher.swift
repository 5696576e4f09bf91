/// The HTTP codes a health check accepts, as the ALB's `Matcher.HttpCode` spells them: one code
/// (`200`), a range (`200-299`) or a comma-separated list of either (`200,204`, `200-204,301`).
public struct StatusMatcher: Sendable, Hashable, CustomStringConvertible {
    /// The accepted codes as inclusive ranges.
    public let ranges: [ClosedRange<Int>]
    /// The text the matcher was parsed from.
    public let description: String

    /// The codes the ALB lets a matcher name (HTTP/HTTPS target groups).
    public static let allowedCodes = 200...499

    /// The ALB's default: `200`.
    public static let ok = StatusMatcher(ranges: [200...200], description: "200")

    init(ranges: [ClosedRange<Int>], description: String) {
        self.ranges = ranges
        self.description = description
    }

    /// Parses `200`, `200-299`, `200,204`; nil with a reason when the text is not a matcher.
    public static func parse(_ text: String) -> Result<StatusMatcher, MatcherError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(MatcherError("is empty")) }
        var ranges: [ClosedRange<Int>] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count),
                  let low = Int(bounds[0].trimmingCharacters(in: .whitespaces)),
                  let high = Int(bounds[bounds.count - 1].trimmingCharacters(in: .whitespaces))
            else { return .failure(MatcherError("'\(item)' is not a code or a range like 200-299")) }
            guard allowedCodes.contains(low), allowedCodes.contains(high) else {
                return .failure(MatcherError("codes must be from \(allowedCodes.lowerBound) to \(allowedCodes.upperBound), got '\(item)'"))
            }
            guard low <= high else { return .failure(MatcherError("range '\(item)' runs backwards")) }
            ranges.append(low...high)
        }
        return .success(StatusMatcher(ranges: ranges, description: trimmed))
    }

    public func matches(_ code: Int) -> Bool {
        ranges.contains { $0.contains(code) }
    }
}

/// Why a matcher text was rejected.
public struct MatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
