import FleetCore
import Foundation

/// One entry of the `--metric-data-queries` JSON: what a get-metric-data result `Id` stands for.
public struct MetricDataQuery: Sendable, Hashable {
    public var id: String
    /// Namespace, metric, statistic and dimensions of a `MetricStat` query; nil for an `Expression`.
    public var key: MetricKey?
    public var expression: String?
    public var period: Int?
    public var unit: String?
    public var label: String?
    public var returnData: Bool

    public init(id: String, key: MetricKey?, expression: String? = nil, period: Int? = nil, unit: String? = nil,
                label: String? = nil, returnData: Bool = true) {
        self.id = id
        self.key = key
        self.expression = expression
        self.period = period
        self.unit = unit
        self.label = label
        self.returnData = returnData
    }
}

extension CloudWatchFiles {
    /// Decodes the queries file `aws cloudwatch get-metric-data --metric-data-queries file://…` takes:
    /// `[{"Id", "MetricStat": {"Metric": {"Namespace", "MetricName", "Dimensions": [{"Name", "Value"}]},
    /// "Period", "Stat", "Unit"?}, "Expression"?, "Label"?, "ReturnData"?, "Period"?}]`.
    public static func decodeMetricDataQueries(_ bytes: [UInt8], file: String) throws(InputError) -> [MetricDataQuery] {
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            var out: [MetricDataQuery] = []
            try r.beginArray()
            while try r.nextElement() {
                let at = r.pathString
                var id: String?
                var namespace: String?, name: String?, stat: String?, dims: [FleetCore.Dimension] = []
                var q = MetricDataQuery(id: "", key: nil)
                try r.beginObject()
                while let k = try r.nextKey() {
                    switch k {
                    case "Id": id = try r.readString()
                    case "Label": q.label = try r.readOptionalString()
                    case "Expression": q.expression = try r.readOptionalString()
                    case "ReturnData": q.returnData = try r.skipNull() ? true : r.readBool()
                    case "Period": q.period = try r.skipNull() ? q.period : r.readInt(in: 1...31_536_000)
                    case "MetricStat":
                        try r.beginObject()
                        while let k2 = try r.nextKey() {
                            switch k2 {
                            case "Metric":
                                try r.beginObject()
                                while let k3 = try r.nextKey() {
                                    switch k3 {
                                    case "Namespace": namespace = try r.readString()
                                    case "MetricName": name = try r.readString()
                                    case "Dimensions": dims = try readDimensions(&r)
                                    default: try r.skipValue()
                                    }
                                }
                            case "Period": q.period = try r.readInt(in: 1...31_536_000)
                            case "Stat": stat = try r.readString()
                            case "Unit": q.unit = try r.readOptionalString()
                            default: try r.skipValue()
                            }
                        }
                    default: try r.skipValue()
                    }
                }
                guard let id else { throw InputError(file: file, path: at, message: "query without Id") }
                q.id = id
                if let name {
                    guard let stat else {
                        throw InputError(file: file, path: at + ".MetricStat", message: "no Stat")
                    }
                    q.key = MetricKey(namespace: namespace ?? MetricNaming.namespace(of: name) ?? "", name: name,
                                      statistic: stat, dimensions: dims)
                } else if q.expression == nil {
                    throw InputError(file: file, path: at, message: "neither MetricStat.Metric.MetricName nor Expression")
                }
                out.append(q)
            }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
            return out
        }
    }

    static func readDimensions(_ r: inout JSONReader) throws(InputError) -> [FleetCore.Dimension] {
        var dims: [FleetCore.Dimension] = []
        try r.beginArray()
        while try r.nextElement() {
            var name: String?, value: String?
            let at = r.pathString
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "Name": name = try r.readString()
                case "Value": value = try r.readString()
                default: try r.skipValue()
                }
            }
            guard let name, let value else {
                throw InputError(file: r.file, path: at, message: "dimension without Name and Value")
            }
            dims.append(FleetCore.Dimension(name, value))
        }
        return dims
    }

    /// Decodes `aws cloudwatch get-metric-data` output: one response, several responses as a JSON array,
    /// or several responses one after another (a shell loop over `--starting-token` pages). Results with
    /// the same `Id` across pages are joined. `queries` (the `--metric-data-queries` file) says what each
    /// `Id` is; without it, or for an `Id` it lacks, the `Label` decides (see `MetricNaming.key`).
    /// A `StatusCode` other than `Complete`, and response `Messages`, become warnings.
    public static func decodeMetricData(_ bytes: [UInt8], file: String,
                                        queries: [MetricDataQuery]? = nil) throws(InputError) -> CloudWatchFileData {
        struct Result {
            var label: String?
            var times: [Date] = []
            var values: [Double] = []
        }
        var order: [String] = []
        var results: [String: Result] = [:]
        var warnings: [String] = []
        var seen = false

        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            func page(_ r: inout JSONReader) throws(InputError) {
                try r.beginOutput(.getMetricData)
                while let k = try r.nextKey() {
                    switch k {
                    case "MetricDataResults":
                        seen = true
                        try r.beginArray()
                        while try r.nextElement() {
                            let at = r.pathString
                            var id: String?, label: String?, status: String?
                            var times: [Date]?, values: [Double]?
                            var messages: [String] = []
                            try r.beginObject()
                            while let k2 = try r.nextKey() {
                                switch k2 {
                                case "Id": id = try r.readString()
                                case "Label": label = try r.readOptionalString()
                                case "Timestamps": times = try r.readTimestampArray()
                                case "Values": values = try r.readNumberArray()
                                case "StatusCode": status = try r.readOptionalString()
                                case "Messages": messages = try readMessages(&r)
                                default: try r.skipValue()
                                }
                            }
                            guard let id else {
                                throw InputError(file: file, path: at, message: "result without Id")
                            }
                            let nt = times?.count ?? 0, nv = values?.count ?? 0
                            guard nt == nv else {
                                throw InputError(file: file, path: at + ".Values",
                                                      message: "\(nv) values for \(nt) timestamps")
                            }
                            if let status, status != "Complete" {
                                let detail = messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")
                                warnings.append("\(file): \(at) (Id \(id)): \(status)\(detail)")
                            } else if !messages.isEmpty {
                                warnings.append("\(file): \(at) (Id \(id)): " + messages.joined(separator: "; "))
                            }
                            if results[id] == nil {
                                order.append(id)
                                results[id] = Result(label: label)
                            }
                            results[id]?.times += times ?? []
                            results[id]?.values += values ?? []
                        }
                    case "Messages":
                        let at = r.pathString
                        for m in try readMessages(&r) { warnings.append("\(file): \(at): \(m)") }
                    default:
                        try r.skipValue() // NextToken and anything newer
                    }
                }
            }

            var documents = 0
            while !r.atEnd() {
                if documents > 0 { r.prefix = "document \(documents + 1): " }
                if r.peek() == UInt8(ascii: "[") {
                    try r.beginArray()
                    while try r.nextElement() { try page(&r) }
                } else {
                    try page(&r)
                }
                documents += 1
            }
            if documents == 0 { throw r.syntaxError("no JSON document (only whitespace)") }
            guard seen else { throw AWSOutputShape.getMetricData.refusal(file: file) }
        }

        var byId: [String: MetricDataQuery] = [:]
        for q in queries ?? [] { byId[q.id] = q }
        var data = CloudWatchFileData(warnings: warnings)
        for id in order {
            guard let res = results[id] else { continue }
            let q = byId[id]
            let key = q?.key ?? MetricNaming.key(label: res.label ?? q?.label, id: id)
            if q == nil && queries != nil {
                data.warnings.append("\(file): result Id \(id) is not in the queries file; named from its label")
            }
            var points: [Datapoint] = []
            points.reserveCapacity(res.times.count)
            for (t, v) in zip(res.times, res.values) { points.append(Datapoint(time: t, value: v)) }
            let period = q?.period ?? inferredPeriod(res.times) ?? 60
            data.add(FleetUpdate.Batch(key: key, unit: q?.unit ?? MetricNaming.unit(for: key), period: period,
                                       points: points))
        }
        return data
    }

    /// `[{"Code": "…", "Value": "…"}]` as one string per message.
    static func readMessages(_ r: inout JSONReader) throws(InputError) -> [String] {
        var out: [String] = []
        if try r.skipNull() { return out }
        try r.beginArray()
        while try r.nextElement() {
            var code: String?, value: String?
            try r.beginObject()
            while let k = try r.nextKey() {
                switch k {
                case "Code": code = try r.readOptionalString()
                case "Value": value = try r.readOptionalString()
                default: try r.skipValue()
                }
            }
            out.append([code, value].compactMap { $0 }.joined(separator: ": "))
        }
        return out
    }

    /// The smallest spacing between timestamps, in whole seconds.
    static func inferredPeriod(_ times: [Date]) -> Int? {
        guard times.count > 1 else { return nil }
        let sorted = times.sorted()
        var best: Double?
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let d = b.timeIntervalSince(a)
            if d > 0, d < (best ?? .infinity) { best = d }
        }
        return best.map { max(1, Int($0.rounded())) }
    }
}
