import AWSFormats
import FleetCore
import Foundation

/// A get-metric-statistics output file and the metric it is about (the output names only the metric).
public struct MetricStatisticsFile: Sendable, Hashable {
    public var path: String
    /// Namespace, name and dimensions (statistic ignored); nil: named from the file's `Label`.
    public var metric: MetricKey?
    public var period: Int?

    public init(path: String, metric: MetricKey? = nil, period: Int? = nil) {
        self.path = path
        self.metric = metric
        self.period = period
    }
}

/// Which CLI output files make up one CloudWatch-files source. Every field is optional.
public struct CloudWatchFilePaths: Sendable, Hashable {
    public var metricData: [String]
    /// The `--metric-data-queries` file the `metricData` files were made with.
    public var metricDataQueries: String?
    public var metricStatistics: [MetricStatisticsFile]
    public var alarms: String?
    public var targetHealth: String?
    public var autoScalingGroups: String?
    /// `ec2 describe-instances`, used when `autoScalingGroups` is not given.
    public var ec2Instances: String?
    /// `autoscaling describe-scaling-activities`, `cloudwatch describe-alarm-history`,
    /// `autoscaling describe-instance-refreshes`: events.
    public var scalingActivities: String?
    public var alarmHistory: String?
    public var instanceRefreshes: String?

    public init(metricData: [String] = [], metricDataQueries: String? = nil,
                metricStatistics: [MetricStatisticsFile] = [], alarms: String? = nil, targetHealth: String? = nil,
                autoScalingGroups: String? = nil, ec2Instances: String? = nil) {
        self.metricData = metricData
        self.metricDataQueries = metricDataQueries
        self.metricStatistics = metricStatistics
        self.alarms = alarms
        self.targetHealth = targetHealth
        self.autoScalingGroups = autoScalingGroups
        self.ec2Instances = ec2Instances
    }

    /// Every path, for messages and watching.
    public var all: [String] {
        metricData + [metricDataQueries].compactMap { $0 } + metricStatistics.map(\.path)
            + [alarms, targetHealth, autoScalingGroups, ec2Instances, scalingActivities, alarmHistory,
               instanceRefreshes].compactMap { $0 }
    }
}

/// Reads a `CloudWatchFilePaths` set, decoding a file again only when its `FileStamp` changed: an
/// unchanged file costs one `stat`. Not thread-safe; a source owns one.
public struct CloudWatchFilesReader: Sendable {
    public let paths: CloudWatchFilePaths
    public let maxFileSize: Int

    private var cache: [String: (stamp: FileStamp, data: CloudWatchFileData)] = [:]
    private var queries: (stamp: FileStamp, value: [MetricDataQuery])?
    private var targets: (stamp: FileStamp, value: [TargetHealthRecord], warnings: [String])?
    private var records: (stamp: FileStamp, value: [InstanceRecord], warnings: [String])?

    /// How many files were decoded so far (for tests and the status line).
    public private(set) var decodeCount = 0

    public init(paths: CloudWatchFilePaths, maxFileSize: Int = BoundedFile.defaultMaxSize) {
        self.paths = paths
        self.maxFileSize = maxFileSize
    }

    /// What changed since the last call: batches and warnings of files whose stamp changed, alarms when
    /// the alarms file changed, instances when the instance or target-health file changed; all nil and
    /// empty when nothing changed. Throws the first file's error (a `InputError`).
    public mutating func readChanged() throws(InputError) -> CloudWatchFileData {
        var out = CloudWatchFileData()
        // Queries first: when they change, the metric data files are decoded again.
        var queriesChanged = false
        if let q = paths.metricDataQueries {
            let stamp = try stampOf(q)
            if queries?.stamp != stamp {
                let bytes = try BoundedFile.read(q, maxSize: maxFileSize).bytes
                queries = (stamp, try CloudWatchFiles.decodeMetricDataQueries(bytes, file: q))
                decodeCount += 1
                queriesChanged = true
            }
        }
        for path in paths.metricData {
            let qs = queries?.value
            if let d = try decodeIfChanged(path, force: queriesChanged, { (b) throws(InputError) in
                try CloudWatchFiles.decodeMetricData(b, file: path, queries: qs)
            }) { out.merge(d) }
        }
        for file in paths.metricStatistics {
            if let d = try decodeIfChanged(file.path, force: false, { (b) throws(InputError) in
                try CloudWatchFiles.decodeMetricStatistics(b, file: file.path, metric: file.metric, period: file.period)
            }) { out.merge(d) }
        }
        if let path = paths.alarms {
            if let d = try decodeIfChanged(path, force: false, { (b) throws(InputError) in
                var w: [String] = []
                let alarms = try CloudWatchFiles.decodeAlarms(b, file: path, warnings: &w)
                return CloudWatchFileData(warnings: w, alarms: alarms)
            }) { out.merge(d) }
        }
        out.merge(try readEventFiles())
        var instancesChanged = false
        if let path = paths.targetHealth {
            let stamp = try stampOf(path)
            if targets?.stamp != stamp {
                var w: [String] = []
                let bytes = try BoundedFile.read(path, maxSize: maxFileSize).bytes
                targets = (stamp, try CloudWatchFiles.decodeTargetHealth(bytes, file: path, warnings: &w), w)
                decodeCount += 1
                instancesChanged = true
            }
        }
        if let path = paths.autoScalingGroups ?? paths.ec2Instances {
            let stamp = try stampOf(path)
            if records?.stamp != stamp {
                var w: [String] = []
                let bytes = try BoundedFile.read(path, maxSize: maxFileSize).bytes
                let value = paths.autoScalingGroups != nil
                    ? try CloudWatchFiles.decodeAutoScalingGroups(bytes, file: path, warnings: &w)
                    : try CloudWatchFiles.decodeEC2Instances(bytes, file: path, warnings: &w)
                records = (stamp, value, w)
                decodeCount += 1
                instancesChanged = true
            }
        }
        if instancesChanged {
            out.instances = CloudWatchFiles.instances(records?.value, targets: targets?.value)
            out.warnings += (targets?.warnings ?? []) + (records?.warnings ?? [])
        }
        return out
    }

    /// Everything the files say now (cached decodes for unchanged files).
    public mutating func readAll() throws(InputError) -> CloudWatchFileData {
        _ = try readChanged()
        var out = CloudWatchFileData()
        let cached = [paths.alarms, paths.scalingActivities, paths.alarmHistory, paths.instanceRefreshes].compactMap { $0 }
        for path in paths.metricData + paths.metricStatistics.map(\.path) + cached {
            if let d = cache[path]?.data { out.merge(d) }
        }
        if targets != nil || records != nil {
            out.instances = CloudWatchFiles.instances(records?.value, targets: targets?.value)
            out.warnings += (targets?.warnings ?? []) + (records?.warnings ?? [])
        }
        return out
    }

    private func stampOf(_ path: String) throws(InputError) -> FileStamp {
        guard let s = FileStamp.of(path: path) else {
            throw InputError(file: path, message: BoundedFile.reason(errno))
        }
        return s
    }

    mutating func decodeIfChanged(
        _ path: String, force: Bool, _ decode: ([UInt8]) throws(InputError) -> CloudWatchFileData
    ) throws(InputError) -> CloudWatchFileData? {
        let stamp = try stampOf(path)
        if !force, let c = cache[path], c.stamp == stamp { return nil }
        let read = try BoundedFile.read(path, maxSize: maxFileSize)
        let data = try decode(read.bytes)
        decodeCount += 1
        cache[path] = (read.stamp, data)
        return data
    }
}
