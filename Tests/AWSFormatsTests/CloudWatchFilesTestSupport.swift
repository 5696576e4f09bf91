import FleetCore
import FleetTestSupport
import Foundation
@testable import AWSFormats

/// Reading the committed aws CLI outputs (`CWFixture`, in FleetTestSupport, says where they are).
extension CWFixture {
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
        try TemporaryDirectory.make("cwfiles")
    }
}

/// The error `body` throws, as the one line users see; nil when it did not throw.
func cwErrorLine<T>(_ body: () throws -> T) -> String? {
    errorLine(InputError.self, body)
}

func cwMetricData(_ text: String, file: String = "data/get-metric-data.json",
                  queries: [MetricDataQuery]? = nil) throws -> CloudWatchFileData {
    try CloudWatchFiles.decodeMetricData(Array(text.utf8), file: file, queries: queries)
}
