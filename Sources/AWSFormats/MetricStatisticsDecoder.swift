import FleetCore
import Foundation

extension CloudWatchFiles {
    /// Decodes `aws cloudwatch get-metric-statistics` output: `Label` and `Datapoints[]` with any of
    /// `Average`, `Sum`, `Minimum`, `Maximum`, `SampleCount`, `ExtendedStatistics` (`{"p99": 1.2}`) and
    /// `Unit`, in no particular order. One batch per statistic present.
    ///
    /// The output names only the metric (`Label`), so `metric` gives namespace, name and dimensions
    /// (its statistic is ignored); without it the label is the metric name, the namespace is inferred for
    /// the panels' metrics, and there are no dimensions. `period` defaults to the smallest spacing of the
    /// timestamps, else 60.
    public static func decodeMetricStatistics(_ bytes: [UInt8], file: String, metric: MetricKey? = nil,
                                              period: Int? = nil) throws(InputError) -> CloudWatchFileData {
        var label: String?
        var columns: [String: [Datapoint]] = [:]
        var statOrder: [String] = []
        var unit: String?
        var times: [Date] = []
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            func add(_ stat: String, _ time: Date, _ value: Double) {
                if columns[stat] == nil { statOrder.append(stat) }
                columns[stat, default: []].append(Datapoint(time: time, value: value))
            }
            try r.beginOutput(.getMetricStatistics)
            var seen = false
            while let k = try r.nextKey() {
                switch k {
                case "Label": label = try r.readOptionalString()
                case "Datapoints":
                    seen = true
                    try r.beginArray()
                    while try r.nextElement() {
                        let at = r.pathString
                        var time: Date?
                        var stats: [(String, Double)] = []
                        try r.beginObject()
                        while let k2 = try r.nextKey() {
                            switch k2 {
                            case "Timestamp": time = try r.readTimestamp()
                            case "Average", "Sum", "Minimum", "Maximum", "SampleCount":
                                stats.append((k2, try r.readNumber()))
                            case "ExtendedStatistics":
                                try r.beginObject()
                                while let p = try r.nextKey() { stats.append((p, try r.readNumber())) }
                            case "Unit": unit = try r.readOptionalString() ?? unit
                            default: try r.skipValue()
                            }
                        }
                        guard let time else {
                            throw InputError(file: file, path: at, message: "datapoint without Timestamp")
                        }
                        times.append(time)
                        for (s, v) in stats { add(s, time, v) }
                    }
                default: try r.skipValue()
                }
            }
            guard seen else { throw AWSOutputShape.getMetricStatistics.refusal(file: file) }
            guard r.atEnd() else { throw r.syntaxError("unexpected data after the JSON document") }
        }
        let name = metric?.name ?? label ?? ""
        guard !name.isEmpty else {
            throw InputError(file: file, path: "Label", message: "no Label and no metric given")
        }
        let namespace = metric?.namespace ?? MetricNaming.namespace(of: name) ?? ""
        let dims = metric?.dimensions ?? []
        let p = period ?? inferredPeriod(times) ?? 60
        var data = CloudWatchFileData()
        for stat in statOrder {
            let key = MetricKey(namespace: namespace, name: name, statistic: stat, dimensions: dims)
            data.add(FleetUpdate.Batch(key: key, unit: unit ?? MetricNaming.unit(for: key), period: p,
                                       points: columns[stat] ?? []))
        }
        if data.batches.isEmpty && !times.isEmpty {
            data.warnings.append("\(file): Datapoints: \(times.count) datapoints without any statistic value")
        }
        return data
    }
}
