import FleetCore
import Foundation
@testable import FleetSources

/// The committed aws CLI outputs (see Fixtures/cloudwatch/README.md) and scratch files for bad input.
enum CWFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/cloudwatch")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        try BoundedFile.read(path(name)).bytes
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    static func queries() throws -> [MetricDataQuery] {
        try CloudWatchFiles.decodeMetricDataQueries(bytes("get-metric-data.queries.json"), file: "get-metric-data.queries.json")
    }

    /// A fresh folder under the system temp folder.
    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("fleetwatch-cwfiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let lb = "app/erato-backend-alb/50dc6c495c0c9188"

    static func albKey(_ name: String, _ stat: String, zone: String) -> MetricKey {
        MetricKey(namespace: "AWS/ApplicationELB", name: name, statistic: stat,
                  dimensions: [FleetCore.Dimension("LoadBalancer", lb), FleetCore.Dimension("AvailabilityZone", zone)])
    }

    static let fleetCPU = MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                    dimensions: [FleetCore.Dimension("AutoScalingGroupName", "erato-backend-asg")])

    /// 2025-06-01T12:00:00Z, the first datapoint of the metric fixtures.
    static let t0 = Date(timeIntervalSince1970: 1_748_779_200)

    static func minute(_ m: Int) -> Date { t0.addingTimeInterval(Double(m) * 60) }
}

/// The error `body` throws, as the one line users see; nil when it did not throw.
func cwErrorLine<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let e as FileSourceError {
        return e.description
    } catch {
        return "not a FileSourceError: \(error)"
    }
}

func cwMetricData(_ text: String, file: String = "data/get-metric-data.json",
                  queries: [MetricDataQuery]? = nil) throws -> CloudWatchFileData {
    try CloudWatchFiles.decodeMetricData(Array(text.utf8), file: file, queries: queries)
}
