import AWSFormats
import FleetCore
import Foundation

/// aws CLI output files as a ``MetricSource``: each poll re-reads only files whose ``FileStamp``
/// changed (an unchanged set costs one `stat` per file) and answers with what they newly say.
/// Errors are thrown as ``InputError`` (one line naming file and JSON path or byte); the poller
/// shows them and keeps the last good data. Decoding warnings (partial data, forbidden queries,
/// unknown states) are kept in ``warnings`` and summarised in the status detail.
public actor CloudWatchFilesSource: MetricSource {
    public nonisolated let name: String
    public nonisolated let paths: CloudWatchFilePaths
    private var reader: CloudWatchFilesReader
    private var newestData: Date?
    /// Latest per-instance CPUUtilization, for instance rows when only the instance files change.
    private var instanceCPU: [String: Double] = [:]
    /// The warnings of the files as last decoded, by file.
    public private(set) var warnings: [String] = []
    /// The instances as last read, to tell health changes between two target-health reads.
    private var lastInstances: [Instance]?

    public init(name: String = "cloudwatch-files", paths: CloudWatchFilePaths,
                maxFileSize: Int = BoundedFile.defaultMaxSize) {
        self.name = name
        self.paths = paths
        self.reader = CloudWatchFilesReader(paths: paths, maxFileSize: maxFileSize)
    }

    /// How many file decodes the source has done (unchanged files are not decoded again).
    public var decodeCount: Int { reader.decodeCount }

    public func poll(now: Date) async throws -> FleetUpdate {
        let changed = try reader.readChanged()
        if changed != CloudWatchFileData() {
            // A re-decoded file replaces its earlier warnings; unchanged files keep theirs.
            let changedFiles = Set(changed.warnings.map { $0.prefix { $0 != ":" } })
            warnings = warnings.filter { !changedFiles.contains($0.prefix { $0 != ":" }) } + changed.warnings
        }
        for b in changed.batches where PanelMetric(key: b.key) == .cpu {
            if let id = b.key.dimension("InstanceId"), let last = b.points.last { instanceCPU[id] = last.value }
        }
        var data = changed
        if var list = data.instances {
            for i in list.indices where list[i].cpu == nil { list[i].cpu = instanceCPU[list[i].id] }
            data.instances = list
        }
        // Files are read now: the fleet's clock is the wall clock, and an old export shows its age.
        var update = data.fleetUpdate(time: now)
        if let instances = update.instances {
            // Successive describe-target-health reads: each change of a target's state is an event,
            // timed at the read that saw it.
            if let lastInstances { update.events += FleetEvent.healthChanges(from: lastInstances, to: instances, at: now) }
            lastInstances = instances
        }
        if let t = data.batches.compactMap({ $0.points.last?.time }).max() { newestData = max(newestData ?? t, t) }
        update.status = SourceStatus(name: name, detail: detail, health: .ok, lastSuccess: now, newestData: newestData)
        return update
    }

    /// `files:3` or `files:3 · 2 warnings: <first>`.
    private var detail: String {
        let base = "files:\(paths.all.count)"
        guard let first = warnings.first else { return base }
        return "\(base) · \(warnings.count) warning\(warnings.count == 1 ? "" : "s"): \(first)"
    }
}
