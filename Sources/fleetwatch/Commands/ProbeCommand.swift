import ArgumentParser
import FleetCore
import FleetProbes
import FleetSources
import ProbeTargets
import Foundation

/// `fleetwatch probe`: health-check the targets the way the ALB does, without a screen.
struct ProbeCommand: StoppableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Health-check the instances the way the ALB does and print what each answers.",
        discussion: """
            With --rounds N: checks every target N times, prints every target's state and the
            per-zone counts (JSON, or a table with --format text) and exits. Without --rounds:
            runs until Ctrl-C, printing one line per state change as it happens.
            Example: fleetwatch probe --targets targets.yaml --rounds 3 --interval 2 --timeout 1
            Targets file format: see README.md, "Probes".
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "A targets file (YAML): `defaults:` and `targets:` (id, zone, host or url).")
    var targets: String?

    @Option(help: "`aws elbv2 describe-target-groups` output: the health-check settings.")
    var targetGroup: String?

    @Option(help: "`aws elbv2 describe-target-health` output: the targets.")
    var targetHealth: String?

    @Option(help: "`aws ec2 describe-instances` output: the instances' private IPs and zones.")
    var instances: String?

    @Option(help: "Check every target this many times, print the result and exit.")
    var rounds: Int?

    @Option(help: "Seconds between two checks of a target (overrides the file).")
    var interval: Double?

    @Option(help: "Seconds a check may take (overrides the file); shorter than the interval.")
    var timeout: Double?

    @Option(help: "Checks under way at once.")
    var concurrency: Int = ProbeSource.defaultConcurrency

    @Flag(inversion: .prefixedNo, help: "Spread first checks over the interval (--no-spread: all at once, for benchmarks).")
    var spread = true

    @Option(help: "text or json (with --rounds: the report; without: one line per change).")
    var format: Format?

    func validate() throws {
        let files = ProbeTargetSources(targets: targets, targetGroup: targetGroup, targetHealth: targetHealth,
                                       instances: instances)
        if let problem = files.problem { throw ValidationError(problem) }
        if let rounds, !(1...100_000).contains(rounds) { throw ValidationError("--rounds must be 1…100000, got \(rounds)") }
        if let interval, !(interval >= 0.05 && interval <= 3600) {
            throw ValidationError("--interval must be between 0.05 and 3600 seconds, got \(interval)")
        }
        if let timeout, !(timeout >= 0.01 && timeout <= 120) {
            throw ValidationError("--timeout must be between 0.01 and 120 seconds, got \(timeout)")
        }
        if !(1...4096).contains(concurrency) { throw ValidationError("--concurrency must be 1…4096, got \(concurrency)") }
    }

    /// Runs the probe source on a ``Poller`` and prints what its snapshots show: with `--rounds`,
    /// the report once every target has been checked that often; without, each change as it happens.
    func run() async throws {
        var loaded = try ProbeTargetSources(targets: targets, targetGroup: targetGroup, targetHealth: targetHealth,
                                            instances: instances).load()
        for i in loaded.indices {
            if let interval { loaded[i].settings.interval = interval }
            if let timeout { loaded[i].settings.timeout = timeout }
            let s = loaded[i].settings
            if s.timeout >= s.interval {
                throw CLIError("target \(loaded[i].id): the timeout (\(s.timeout)s) must be shorter than the interval (\(s.interval)s); use --interval / --timeout")
            }
        }
        let source = ProbeSource(targets: loaded, concurrency: concurrency, spread: spread)
        let poller = Poller(state: FleetState(time: Date(), fleet: source.fleet),
                            sources: [ScheduledSource(source, every: 0.05)])
        let format = self.format ?? (rounds == nil ? .text : .json)
        var changes = ProbeChanges()
        for await _ in poller.snapshots() {
            if let rounds {
                guard await source.completedRounds >= rounds else { continue }
                ProbeOutput.printReport(await source.report(), format: format)
                break
            }
            for change in changes.changes(in: await source.report()) {
                ProbeOutput.printChange(change.target, from: change.from, format: format)
            }
        }
        await source.shutdown()
    }
}

/// How `fleetwatch probe` prints.
enum ProbeOutput {
    static func printReport(_ report: ProbeReport, format: ProbeCommand.Format) {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
            print(SafeText.printable(String(decoding: data, as: UTF8.self)))
        case .text:
            let idWidth = max(2, report.targets.map(\.id.count).max() ?? 0)
            for t in report.targets {
                let status = t.lastStatus.map(String.init) ?? "-"
                let latency = t.latencyMs.map { ProbeSource.formatLatency($0 / 1000) } ?? "-"
                print(SafeText.line([t.id.padding(toLength: idWidth, withPad: " ", startingAt: 0), t.zone,
                       t.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0),
                       status.padding(toLength: 3, withPad: " ", startingAt: 0),
                       latency.padding(toLength: 7, withPad: " ", startingAt: 0),
                       t.reason ?? "-", t.url].joined(separator: "  ")))
            }
            print(SafeText.printable(report.zones.map { "\($0.name): \($0.healthy) healthy, \($0.unhealthy) unhealthy" }.joined(separator: "; ")))
        }
        fflush(nil)  // every stream: a pipe reader sees each line as it happens
    }

    /// `2026-01-05T13:00:31Z i-0abc us-east-1a initial -> unhealthy Target.Timeout (timeout, 5.0s)`
    static func printChange(_ row: ProbeReport.Target, from: TargetHealth?, format: ProbeCommand.Format) {
        let time = ISOTime.string(Date())
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            struct Change: Encodable { var time: String; var from: String?; var target: ProbeReport.Target }
            let data = (try? encoder.encode(Change(time: time, from: from?.rawValue, target: row))) ?? Data()
            print(SafeText.printable(String(decoding: data, as: UTF8.self)))
        case .text:
            var line = "\(time) \(row.id) \(row.zone) \(from?.rawValue ?? "-") -> \(row.state.rawValue)"
            if let reason = row.reason { line += " \(reason)" }
            if let detail = row.detail {
                line += " (\(detail)" + (row.latencyMs.map { ", " + ProbeSource.formatLatency($0 / 1000) } ?? "") + ")"
            }
            print(SafeText.line(line))
        }
        fflush(nil)  // every stream: a pipe reader sees each line as it happens
    }
}
