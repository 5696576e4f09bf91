import Foundation

/// Where the dashboard loop reads the time: the system's, or a test's.
public protocol LoopClock {
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: LoopClock {
    public init() {}
    public func now() -> Date { Date() }
}
