import FleetCore
import Foundation

// The CloudWatch JSON 1.0 shapes fleetwatch sends and reads (only the fields it uses). The
// `aws cloudwatch` CLI prints the same field names; these will be reconciled with the file
// decoders later.

/// A timestamp as JSON 1.0 sends it (epoch seconds, a number); ISO 8601 text is accepted too.
public struct AWSTimestamp: Codable, Sendable, Hashable {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let seconds = try? c.decode(Double.self) {
            date = Date(timeIntervalSince1970: seconds)
        } else if let text = try? c.decode(String.self), let d = ISOTime.parse(text) {
            date = d
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a timestamp")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(date.timeIntervalSince1970.rounded(.down))
    }
}

public struct CWDimension: Codable, Sendable, Hashable {
    public var Name: String
    public var Value: String
}

public struct CWMetric: Codable, Sendable, Hashable {
    public var Namespace: String
    public var MetricName: String
    public var Dimensions: [CWDimension]?
}

public struct CWMetricStat: Codable, Sendable, Hashable {
    public var Metric: CWMetric
    public var Period: Int
    public var Stat: String
}

public struct CWMetricDataQuery: Codable, Sendable, Hashable {
    public var Id: String
    public var MetricStat: CWMetricStat
    public var ReturnData: Bool?
}

public struct GetMetricDataInput: Codable, Sendable {
    public var MetricDataQueries: [CWMetricDataQuery]
    public var StartTime: AWSTimestamp
    public var EndTime: AWSTimestamp
    public var ScanBy: String?
    public var NextToken: String?
    public var MaxDatapoints: Int?
}

public struct CWMessage: Codable, Sendable, Hashable {
    public var Code: String?
    public var Value: String?
}

public struct CWMetricDataResult: Codable, Sendable, Hashable {
    public var Id: String
    public var Label: String?
    public var Timestamps: [AWSTimestamp]?
    public var Values: [Double]?
    /// `Complete`, `PartialData`, `InternalError` or `Forbidden`.
    public var StatusCode: String?
    public var Messages: [CWMessage]?
}

public struct GetMetricDataOutput: Codable, Sendable {
    public var MetricDataResults: [CWMetricDataResult]?
    public var NextToken: String?
    public var Messages: [CWMessage]?
}

public struct DescribeAlarmsInput: Codable, Sendable {
    public var AlarmNamePrefix: String?
    public var AlarmNames: [String]?
    public var AlarmTypes: [String]?
    public var NextToken: String?
    public var MaxRecords: Int?
}
