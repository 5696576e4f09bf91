import ArgumentParser
import FleetApp
import FleetCore
import FleetSources
import Foundation

/// `fleetwatch record --out FILE`: write everything the poller sees to a recording, while showing
/// the dashboard, or headless (the simulator as fast as it runs).
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record what the sources report to a file (JSON Lines) for `fleetwatch replay`.",
        discussion: """
            Example: fleetwatch record --headless --source mock --scenario az-outage --seed 7 \\
                       --start 2026-01-05T13:00:00Z --duration 2h --out outage.fwrec
            Headless, the simulator runs at full speed for --duration of simulated time, polled every
            --interval simulated seconds. With the dashboard, the recording clock is the wall clock and
            --duration (if given) ends the run. With --fleets N or a configuration of several fleets
            (fleets: or discover:), every fleet goes into the one file (format version 3) and the
            overview shows them; headless, --fleets N simulates N fleets.
            """
    )

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: "The recording to write (created or truncated).")
    var out: String

    @Option(help: "How long to record: 2h, 90m, 3600s or 3600 (headless: simulated time; default 1h).")
    var duration: String?

    @Flag(help: "No dashboard: run the simulator (or --fleets N simulated fleets) as fast as possible for --duration.")
    var headless = false

    @Option(help: "Headless: simulated seconds between polls.")
    var interval: Double = 10

    @Option(help: "Simulated history the first poll carries (e.g. 10m; default: none headless, the window live).")
    var prefill: String?

    @Option(help: "Seconds between refreshes (with the dashboard).")
    var refresh: Double = 1

    func validate() throws {
        if headless, source.config != nil {
            throw ValidationError("--headless records the simulator only; to record a configuration's sources, leave out --headless")
        }
        if let duration, DurationText.parse(duration) == nil {
            throw ValidationError("--duration: '\(duration)' is not a duration (2h, 90m, 3600s, 3600)")
        }
        if let prefill, DurationText.parse(prefill) == nil {
            throw ValidationError("--prefill: '\(prefill)' is not a duration (10m, 1h, 600)")
        }
        if let over = durationSeconds.flatMap({ Ceilings.exceeded($0, Ceilings.recordDuration, for: "--duration") })
            ?? prefill.flatMap(DurationText.parse).flatMap({ Ceilings.exceeded($0, Ceilings.prefill, for: "--prefill") }) {
            throw ValidationError(over)
        }
        guard interval >= 1, interval <= 3600, interval.truncatingRemainder(dividingBy: 5) == 0 else {
            throw ValidationError("--interval must be a multiple of 5 seconds between 5 and 3600, got \(interval)")
        }
        guard refresh >= 0.1, refresh <= 3600 else {
            throw ValidationError("--refresh must be between 0.1 and 3600 seconds, got \(refresh)")
        }
    }

    var durationSeconds: TimeInterval? { duration.flatMap(DurationText.parse) }

    func run() async throws {
        if headless { try await runHeadless() } else { try await runLive() }
    }

    func runHeadless() async throws {
        let now = Date()
        let seconds = durationSeconds ?? 3600
        if let count = source.fleets {
            try await runHeadless(fleets: count, seconds: seconds, now: now)
            return
        }
        let recipe = MockRecording(
            scenario: source.scenario ?? .steady, seed: source.seed,
            start: source.startDate ?? now.addingTimeInterval(-seconds),
            prefill: prefill.flatMap(DurationText.parse) ?? 0, duration: seconds, interval: interval)
        let writer = try await recipe.write(to: out)
        FileHandle.standardError.write(Data(
            SafeText.printable("fleetwatch: wrote \(out): \(writer.lineCount) lines, \(writer.byteCount) bytes\n").utf8))
    }

    /// `--headless --fleets N`: N simulated fleets polled together through simulated time, into one file.
    func runHeadless(fleets count: Int, seconds: TimeInterval, now: Date) async throws {
        let start = SourceOptions.minute(source.startDate ?? now.addingTimeInterval(-seconds))
        let config = try source.simulatedFleets(count, refresh: interval)
        let prefill = prefill.flatMap(DurationText.parse) ?? 0
        let pollers = try config.fleets.map {
            try SourceRegistry.linked.poller(for: $0, in: config, now: start, mockPrefill: prefill)
        }
        let fleets = LiveFleets(config: config, initialStates: pollers.map(\.initialState),
                                accounts: config.fleets.map(\.account), feed: PollersFeed(pollers))
        let writer = try RecordingWriter(path: out, header: fleets.recordingHeader(start: start))
        await HeadlessRecording.run(pollers: pollers, writer: writer, start: start, duration: seconds, interval: interval)
        writer.close()
        if let error = writer.error { throw CLIError(error) }
        FileHandle.standardError.write(Data(
            SafeText.printable("fleetwatch: wrote \(out): \(count) fleets, \(writer.lineCount) lines, \(writer.byteCount) bytes\n").utf8))
    }

    /// Several fleets (`--fleets N`, or a configuration's `fleets:`/`discover:`) recorded into one file
    /// while the overview shows them; `--duration` ends the run. `discover:` runs once: the header
    /// names the fleets of the recording.
    func runLive(fleets: LiveFleets, now: Date) async throws {
        let writer = try RecordingWriter(path: out, header: fleets.recordingHeader(start: now))
        defer { writer.close() }
        for (index, poller) in fleets.pollers.enumerated() {
            await poller.observe { t, update in writer.record(t: t, fleet: index, update: update) }
        }
        let until = durationSeconds.map { now.addingTimeInterval($0) }
        let display = self.display
        try await MainActor.run {
            try DashboardLauncher.run(feed: .fleets(PollersFeed(fleets.pollers)), fleet: fleets.initialStates[0],
                                      display: display, modeLabel: "rec", config: fleets.config,
                                      overview: (fleets.initialStates, fleets.accounts), until: until)
        }
        if let error = writer.error { warn(error) }
    }

    /// Records the live sources while the dashboard shows them. The dashboard runs on the main
    /// thread (curses wants one thread), the poller and the recorder in tasks.
    func runLive() async throws {
        let now = Date()
        let file = try source.loadConfig()
        if let fleets = try source.makeFleets(file: file, now: now, refresh: refresh, windowSeconds: display.windowSeconds,
                                              prefill: prefill.flatMap(DurationText.parse), rediscover: false) {
            try await runLive(fleets: fleets, now: now)
            return
        }
        let live = try source.makeLive(file: file, now: now, refresh: refresh, windowSeconds: display.windowSeconds,
                                       prefill: prefill.flatMap(DurationText.parse))
        let poller = live.poller, initial = live.initialState
        let header = HeadlessRecording.header(fleet: initial.fleet, sources: live.descriptions, start: now,
                                              state: initial)
        let writer = try RecordingWriter(path: out, header: header)
        defer { writer.close() }
        await poller.observe { t, update in writer.record(t: t, update: update) }
        let until = durationSeconds.map { now.addingTimeInterval($0) }
        let display = self.display
        let configFile = live.configFile
        try await MainActor.run {
            try DashboardLauncher.run(feed: .live(PollerFeed(poller)),
                                      fleet: FleetState(time: now, fleet: initial.fleet),
                                      display: display, modeLabel: "rec", notices: [], config: configFile, until: until)
        }
        if let error = writer.error { warn(error) }
    }
}
