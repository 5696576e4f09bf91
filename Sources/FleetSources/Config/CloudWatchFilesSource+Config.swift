import AWSFormats
import FleetCore
import Foundation

/// `kind: cloudwatch-files`: aws CLI output files, re-read when they change (`every`, default 30 s).
public struct CloudWatchFilesSourceKind: SourceKind {
    public let key = "cloudwatch-files"

    public init() {}

    public func make(_ entry: SourceConfig, context: SourceContext) throws -> ScheduledSource {
        ScheduledSource(try CloudWatchFilesSource(config: entry), every: entry.every ?? 30)
    }
}

extension CloudWatchFilesSource {
    /// `kind: cloudwatch-files`:
    ///
    ///     - kind: cloudwatch-files
    ///       every: 30s                              # re-read when the files change
    ///       metric_data: data/get-metric-data.json  # or a list of files
    ///       queries: data/queries.json              # the --metric-data-queries input
    ///       statistics: [data/cpu-stats.json]       # get-metric-statistics outputs; an entry may be
    ///                                               # {file:, namespace:, metric_name:, dimensions:, period:}
    ///       alarms: data/describe-alarms.json
    ///       target_health: data/target-health.json
    ///       instances: data/asg.json                # describe-auto-scaling-groups or describe-instances
    ///       scaling_activities: data/activities.json # describe-scaling-activities: events
    ///       alarm_history: data/alarm-history.json  # describe-alarm-history: events
    ///       instance_refreshes: data/refreshes.json # describe-instance-refreshes: events
    ///
    /// Every file key is optional, but at least one is needed.
    init(config: SourceConfig) throws {
        let s = config.settings
        try s.rejectUnknownKeys(allowed: ["kind", "name", "every", "metric_data", "queries", "statistics", "alarms",
                                          "target_health", "instances", "scaling_activities", "alarm_history",
                                          "instance_refreshes"])
        var paths = CloudWatchFilePaths()
        paths.metricData = try s["metric_data"]?.itemsOrSingle().map { try $0.filePath() } ?? []
        paths.metricDataQueries = try s["queries"]?.filePath()
        paths.metricStatistics = try s["statistics"]?.itemsOrSingle().map(Self.statisticsFile) ?? []
        paths.alarms = try s["alarms"]?.filePath()
        paths.targetHealth = try s["target_health"]?.filePath()
        if let node = s["instances"] {
            let path = try node.filePath()
            if Self.looksLikeEC2(path) { paths.ec2Instances = path } else { paths.autoScalingGroups = path }
        }
        paths.scalingActivities = try s["scaling_activities"]?.filePath()
        paths.alarmHistory = try s["alarm_history"]?.filePath()
        paths.instanceRefreshes = try s["instance_refreshes"]?.filePath()
        guard !paths.all.isEmpty else {
            throw s.error("name at least one file: metric_data, statistics, alarms, target_health, instances, scaling_activities, alarm_history or instance_refreshes")
        }
        self.init(name: config.name, paths: paths)
    }

    static func statisticsFile(_ node: ConfigNode) throws -> MetricStatisticsFile {
        guard node.node.mapping != nil else { return MetricStatisticsFile(path: try node.filePath()) }
        try node.rejectUnknownKeys(allowed: ["file", "namespace", "metric_name", "dimensions", "period"])
        let path = try node.require("file").filePath()
        var metric: MetricKey?
        if let name = node["metric_name"] {
            var dimensions: [FleetCore.Dimension] = []
            if let dims = node["dimensions"] {
                for key in try dims.keys() { dimensions.append(FleetCore.Dimension(key, try dims.require(key).string())) }
            }
            let metricName = try name.string()
            let namespace = try node["namespace"]?.string()
                ?? PanelMetric.allCases.first { $0.metricName == metricName }?.namespace ?? ""
            metric = MetricKey(namespace: namespace, name: metricName, statistic: "", dimensions: dimensions)
        }
        let period = try node["period"].map { Int(try $0.duration()) }
        return MetricStatisticsFile(path: path, metric: metric, period: period)
    }

    /// `describe-instances` output starts with `Reservations`; `describe-auto-scaling-groups` with
    /// `AutoScalingGroups`. Decided from the first few kilobytes; a file that is missing yet counts
    /// as an Auto Scaling one (its error names it when read).
    static func looksLikeEC2(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains("\"Reservations\"")
    }
}
