import AlarmDefinitions
import ArgumentParser
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

extension ComparisonOperator: ExpressibleByArgument {}
extension TreatMissingData: ExpressibleByArgument {}

/// `fleetwatch preview`: when would this alarm have fired, and what if it were changed?
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Evaluate alarms over recorded data, as CloudWatch would have, with changes to try.",
        discussion: """
            Example: fleetwatch preview --alarms alarms.tf --data get-metric-data.json --queries queries.json \\
                       --threshold 2 --evaluation-periods 5 --datapoints-to-alarm 3
            Exit status: 0 whatever the alarms' states; 2 for bad arguments or files.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, svg }

    @Option(help: "Alarm definitions: Terraform (.tf or a folder of them), describe-alarms JSON, or fleetwatch YAML. With --scaling: the alarms that invoke step and simple policies.")
    var alarms: String?

    @OptionGroup(title: "Scaling preview") var scalingOptions: ScalingPreviewOptions

    @Option(help: "Only the alarm with this name.")
    var alarm: String?

    @Option(help: "The data: get-metric-data or get-metric-statistics output, a recording, or demo (with --scaling).")
    var data: String

    @Option(help: "The --metric-data-queries file that produced a get-metric-data output.")
    var queries: String?

    @Option(parsing: .unconditional, help: "Override: the threshold (may be negative).") var threshold: Double?
    @Option(help: "Override: GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold.")
    var comparison: ComparisonOperator?
    @Option(help: "Override: evaluation periods (N).") var evaluationPeriods: Int?
    @Option(help: "Override: datapoints to alarm (M).") var datapointsToAlarm: Int?
    @Option(help: "Override: the period in seconds.") var period: Int?
    @Option(help: "Override: SampleCount, Average, Sum, Minimum, Maximum or a percentile like p99.") var statistic: String?
    @Option(help: "Override: missing, notBreaching, breaching or ignore.") var treatMissingData: TreatMissingData?
    @Option(help: "Periods fetched back for the missing-data rules (default N + 2, as in CloudWatch's examples).")
    var evaluationRange: Int?
    @Option(help: "Leave out datapoints before this time (ISO 8601 or epoch seconds).") var start: String?
    @Option(help: "Evaluate up to this time (default: the end of the last datapoint's period).") var end: String?
    @Option(help: "text (a timeline), json, or svg (a chart; with overrides, the alarm as defined above the changed one).")
    var format: Format = .text
    @Option(help: "With --format svg: the theme whose colours the chart uses (as for the dashboard).")
    var theme: String?

    func validate() throws {
        if alarms == nil, scalingOptions.scaling == nil { throw ValidationError("give --alarms, or --scaling (with --alarms for the alarms of step and simple policies)") }
        try scalingOptions.validateScaling()
        if scalingOptions.scaling != nil, format == .svg { throw ValidationError("--format svg draws an alarm preview; the scaling preview is text or json") }
        if let n = evaluationPeriods, !(1...100).contains(n) { throw ValidationError("--evaluation-periods must be 1…100, got \(n)") }
        if let m = datapointsToAlarm, m < 1 { throw ValidationError("--datapoints-to-alarm must be at least 1, got \(m)") }
        if let p = period, !(p == 10 || p == 30 || (p >= 60 && p % 60 == 0)) {
            throw ValidationError("--period must be 10, 30 or a multiple of 60 seconds, got \(p)")
        }
        if let s = statistic, Statistic(s) == nil {
            throw ValidationError("--statistic '\(s)' is not SampleCount, Average, Sum, Minimum, Maximum or a percentile like p99")
        }
        if let t = threshold, !t.isFinite { throw ValidationError("--threshold must be a finite number") }
        if let r = evaluationRange, !(1...1000).contains(r) { throw ValidationError("--evaluation-range must be 1…1000, got \(r)") }
        for (name, value) in [("--start", start), ("--end", end)] {
            if let value, ISOTime.parse(value) == nil {
                throw ValidationError("\(name): '\(value)' is not an ISO 8601 time or epoch seconds from 1970 to 2999")
            }
        }
        if let from = start.flatMap(ISOTime.parse), let to = end.flatMap(ISOTime.parse), from >= to {
            throw ValidationError("--start (\(ISOTime.string(from))) is not before --end (\(ISOTime.string(to)))")
        }
    }

    func run() async throws {
        let from = start.flatMap(ISOTime.parse), to = end.flatMap(ISOTime.parse)  // checked by validate()
        if let scaling = scalingOptions.scaling {
            return try scalingOptions.run(path: scaling, alarms: alarms, data: data, json: format == .json,
                                          start: from, end: to)
        }
        guard let alarms else { throw ValidationError("give --alarms or --scaling") }
        let loaded = try AlarmDefinitionLoader.load(path: alarms)
        var definitions = loaded.definitions
        if let alarm {
            definitions = definitions.filter { $0.name == alarm }
            guard !definitions.isEmpty else {
                throw CLIError("\(alarms): no alarm named '\(alarm)' (there are: \(loaded.definitions.map(\.name).joined(separator: ", ")))")
            }
        }
        guard !definitions.isEmpty else { throw CLIError("\(alarms): no metric alarms found") }
        let series = try PreviewData.load(path: data, queries: queries)
        // Warnings wait until the run succeeds: an error is one line, not the last of several.
        var warnings = series.warnings + loaded.notes
        var reports: [PreviewReport] = []
        var charts: [[AlarmChartPicture.Panel]] = []
        for original in definitions {
            let definition = try overridden(original)
            guard let batch = series.series(for: original, loaded: loaded) else {
                warnings.append("\(original.name): no series in \(data) is \(original.namespace) \(original.metricName) with its dimensions; skipped")
                continue
            }
            if let problem = PreviewReport.ceilingProblem(definition: definition, series: batch, from: from, end: to) {
                throw CLIError(problem)
            }
            if let report = PreviewReport(definition: definition, series: batch, from: from,
                                          end: to, evaluationRange: evaluationRange) {
                reports.append(report)
                if format == .svg { charts.append(chartPanels(original: original, changed: report, batch: batch, from: from, to: to)) }
            }
        }
        guard !reports.isEmpty else { throw CLIError("\(data): no data for any of the alarms") }
        for warning in warnings { warn(warning) }
        switch format {
        case .json: print(SafeText.printable(PreviewReport.json(reports)))
        case .text: print(SafeText.printable(reports.map(\.text).joined(separator: "\n\n")))
        case .svg:
            // The chart's writer escapes every character from data (AlarmChartPicture, MarkupWriter).
            let display = try DisplayOptions.parse(theme.map { ["--theme", $0] } ?? [])
            let loaded = try display.loadThemes(monochromeFallback: false)
            for warning in loaded.warnings { warn(warning) }
            print(AlarmChartPicture(alarms: charts, theme: loaded.themes[loaded.index]).svg(), terminator: "")
        }
    }

    /// The chart's panels for one alarm: as defined, and (when an override changed it) as changed,
    /// both evaluated by PreviewReport over the same range.
    func chartPanels(original: AlarmDefinition, changed: PreviewReport, batch: FleetUpdate.Batch,
                     from: Date?, to: Date?) -> [AlarmChartPicture.Panel] {
        func panel(_ label: String, _ r: PreviewReport) -> AlarmChartPicture.Panel {
            AlarmChartPicture.Panel(label: label, definition: r.definition, periodValues: r.periodValues,
                                    timeline: r.timeline, start: r.start, end: r.end)
        }
        guard changed.definition != original,
              let defined = PreviewReport(definition: original, series: batch, from: from,
                                          end: to, evaluationRange: evaluationRange) else {
            return [panel("as defined", changed)]
        }
        return [panel("as defined", defined),
                panel("changed (" + AlarmChartPicture.changes(from: original, to: changed.definition) + ")", changed)]
    }

    func overridden(_ d: AlarmDefinition) throws -> AlarmDefinition {
        var d = d
        if let threshold { d.threshold = threshold }
        if let comparison { d.comparison = comparison }
        if let evaluationPeriods {
            d.evaluationPeriods = evaluationPeriods
            if datapointsToAlarm == nil { d.datapointsToAlarm = min(d.datapointsToAlarm, evaluationPeriods) }
        }
        if let datapointsToAlarm { d.datapointsToAlarm = datapointsToAlarm }
        if let period { d.period = period }
        if let statistic { d.statistic = statistic }
        if let treatMissingData { d.treatMissingData = treatMissingData }
        guard d.datapointsToAlarm <= d.evaluationPeriods else {
            throw CLIError("--datapoints-to-alarm (\(d.datapointsToAlarm)) cannot exceed --evaluation-periods (\(d.evaluationPeriods)) for \(d.name)")
        }
        return d
    }
}
