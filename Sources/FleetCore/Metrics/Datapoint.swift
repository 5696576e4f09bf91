import Foundation

/// One value at the start of its period, as CloudWatch timestamps datapoints.
public struct Datapoint: Sendable, Hashable, Codable {
    public var time: Date
    public var value: Double

    public init(time: Date, value: Double) {
        self.time = time
        self.value = value
    }
}
