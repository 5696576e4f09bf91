import FleetCore

/// What the decoders know about metric names without a queries file.
enum MetricNaming {
    /// Namespaces of the metrics fleetwatch knows (the panels' metrics, and errors and latency).
    static func namespace(of metricName: String) -> String? {
        PanelMetric.allCases.first { $0.metricName == metricName }?.namespace
            ?? ErrorMetric.allCases.first { $0.metricName == metricName }?.namespace
    }

    static let statistics: Set<String> = ["Average", "Sum", "Minimum", "Maximum", "SampleCount", "IQM"]

    /// True for `Average`…`SampleCount` and extended statistics like `p99`, `p99.9`, `tm90`, `TM(10%:90%)`.
    static func isStatistic(_ s: String) -> Bool {
        if statistics.contains(s) { return true }
        let lower = s.lowercased()
        for prefix in ["p", "tm", "wm", "tc", "ts", "pr"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if let first = rest.first, first.isNumber || first == "(" { return true }
        }
        return false
    }

    /// The key a get-metric-data result stands for when no query says: its label, when it is the CLI's
    /// default `"<MetricName> <Stat>"`, names the metric and statistic; otherwise the label is the name.
    /// Namespace is inferred for the panels' metrics (CPUUtilization → AWS/EC2, the ALB counts →
    /// AWS/ApplicationELB) and empty for others. The result `Id` is kept as an `Id` dimension, so results
    /// with the same default label (the same metric in three zones) stay three series.
    static func key(label: String?, id: String) -> MetricKey {
        let text = label ?? id
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var name = text
        var stat = ""
        if words.count == 2, isStatistic(words[1]) {
            name = words[0]
            stat = words[1]
        }
        return MetricKey(namespace: namespace(of: name) ?? "", name: name, statistic: stat,
                         dimensions: [FleetCore.Dimension("Id", id)])
    }

    static func unit(for key: MetricKey) -> String {
        PanelMetric(key: key)?.unit ?? ErrorMetric(key: key)?.unit ?? "None"
    }
}
