import FleetCore
import Foundation

/// A source and how often the poller asks it.
public struct ScheduledSource: Sendable {
    public var source: any MetricSource
    /// Seconds between polls.
    public var interval: TimeInterval
    /// A source whose newest datapoint (or, without one, last success) is older than this is `stale`.
    public var staleAfter: TimeInterval

    public init(_ source: any MetricSource, every interval: TimeInterval, staleAfter: TimeInterval? = nil) {
        precondition(interval > 0, "interval must be positive")
        self.source = source
        self.interval = interval
        self.staleAfter = staleAfter ?? max(3 * interval, 180)
    }
}

/// Owns time: polls each source at its own interval, merges the answers into one ``FleetState``,
/// and records how each source is doing. A failing source is marked `error` with its message; the
/// state keeps its last good data and the other sources go on.
public actor Poller {
    public private(set) var state: FleetState
    /// The state the poller started from (before any poll).
    public nonisolated let initialState: FleetState
    private let schedule: [ScheduledSource]
    /// Every source answers at once (``MetricSource/answersAtOnce``): a ``PollerDriver`` may step
    /// this poller in turn with others instead of it running in a task of its own.
    public nonisolated let answersAtOnce: Bool
    /// ``alignmentGrid``, made once (the schedule never changes).
    private nonisolated let grid: TimeInterval?
    /// When each source is next due; nil: at the next poll.
    private var nextDue: [Date?]
    /// Each source's clock minus the wall clock at its last answer (the simulator and recordings
    /// run on their own clocks): data age is judged on the source's own clock.
    private var clockOffset: [String: TimeInterval] = [:]
    /// Sources whose last poll failed on bad input (an ``InputError``: a file they read), by name: a
    /// one-shot command reports these as bad input (exit 2), not as a run-time failure (exit 1).
    public private(set) var inputErrors: [String: InputError] = [:]
    /// Alarms fleetwatch evaluates itself over the merged data (from the configuration), in
    /// addition to the alarm states sources report.
    public private(set) var localAlarms: [AlarmDefinition]
    /// Sees every update the poller merges, in order, with the poll's `now` (the recorder).
    private var observer: (@Sendable (Date, FleetUpdate) -> Void)?

    public init(state: FleetState, sources: [ScheduledSource] = [], localAlarms: [AlarmDefinition] = []) {
        self.state = state
        self.initialState = state
        self.schedule = sources
        self.answersAtOnce = !sources.isEmpty && sources.allSatisfy(\.source.answersAtOnce)
        self.grid = sources.map(\.interval).min().map { min(1, $0) }
        self.nextDue = Array(repeating: nil, count: sources.count)
        self.localAlarms = localAlarms
    }

    /// Calls `observer` with every update merged into the state from now on, in the order they are
    /// applied and with the `now` of their poll: the source's answer with its status filled in, a
    /// failure's status, a staleness change. Replaying them in order onto the same starting state
    /// gives the same ``FleetState`` (how `fleetwatch record` works).
    public func observe(_ observer: (@Sendable (Date, FleetUpdate) -> Void)?) {
        self.observer = observer
    }

    private func apply(_ update: FleetUpdate, now: Date) {
        state.apply(update)
        observer?(now, update)
    }

    /// The status of the source named `name`.
    public func status(of name: String) -> SourceStatus? {
        state.sources.first { $0.name == name }
    }

    /// The earliest time a source is due (nil: one is due now or there are none).
    public var nextPoll: Date? {
        var earliest: Date?
        for due in nextDue {
            guard let due else { return nil }
            if earliest.map({ due < $0 }) ?? true { earliest = due }
        }
        return earliest
    }

    /// Polls every source that is due at `now` (concurrently), merges the answers in source order,
    /// and re-checks every source's staleness. Returns true when the state changed.
    @discardableResult
    public func pollOnce(now: Date) async -> Bool {
        let due = schedule.indices.filter { nextDue[$0].map { $0 <= now } ?? true }
        for i in due { nextDue[i] = now.addingTimeInterval(schedule[i].interval) }

        // One task per due source, so they answer concurrently; awaited in source order. (Not a
        // task group: with Swift 6.3 a group of (Int, Result<FleetUpdate, any Error>) children was
        // miscompiled in release builds, handing back garbage indices.)
        if due.count == 1 {
            // One source due (a poller per simulated fleet, every second): asked directly, no task
            // made, its answer merged at once (no array of results: a tuple's copy is generic, slow).
            let result: Result<FleetUpdate, any Error>
            do {
                result = .success(try await schedule[due[0]].source.poll(now: now))
            } catch {
                result = .failure(error)
            }
            merge(result, of: due[0], now: now)
        } else {
            let tasks = due.map { index in
                let source = schedule[index].source
                return (index: index, task: Task { try await source.poll(now: now) })
            }
            var results: [(index: Int, result: Result<FleetUpdate, any Error>)] = []
            for (index, task) in tasks { results.append((index, await task.result)) }
            for (index, result) in results { merge(result, of: index, now: now) }
        }
        var changed = !due.isEmpty

        // Sources not polled this time may have gone stale (or, after a clock jump, fresh again).
        for entry in schedule {
            // Looked at in place: a copy of the status is made only when its health changes.
            guard let i = state.sources.firstIndex(where: { $0.name == entry.source.name }),
                  state.sources[i].health != .error else { continue }
            let health: SourceStatus.Health = isStale(state.sources[i], now: now, after: entry.staleAfter) ? .stale : .ok
            if health != state.sources[i].health {
                var status = state.sources[i]
                status.health = health
                apply(FleetUpdate(status: status), now: now)
                changed = true
            }
        }
        if changed { evaluateLocalAlarms() }
        return changed
    }

    /// Merges one source's answer (or failure) into the state, with its status filled in.
    private func merge(_ result: Result<FleetUpdate, any Error>, of index: Int, now: Date) {
        let entry = schedule[index]
        var status = state.sources.first { $0.name == entry.source.name }
            ?? SourceStatus(name: entry.source.name)
        switch result {
        case .success(var update):
            let reported = update.status
            status.detail = reported?.detail ?? status.detail
            status.lastSuccess = now
            status.lastError = nil
            if !inputErrors.isEmpty { inputErrors[entry.source.name] = nil }
            // The newest of what the source says, what it delivered and what it had (no arrays made:
            // a simulated fleet's minute delivers dozens of series).
            var newest = Self.later(reported?.newestData, status.newestData)
            for batch in update.metrics {
                for point in batch.points { newest = Self.later(newest, point.time) }
            }
            status.newestData = newest
            clockOffset[entry.source.name] = update.time.map { $0.timeIntervalSince(now) } ?? 0
            status.health = isStale(status, now: now, after: entry.staleAfter) ? .stale : .ok
            update.status = status
            apply(update, now: now)
        case .failure(let error):
            status.health = .error
            status.lastError = Self.message(error)
            inputErrors[entry.source.name] = error as? InputError
            apply(FleetUpdate(status: status), now: now)
        }
    }

    /// Evaluates the configuration's alarms over the data now held; a source's own report of an
    /// alarm with the same name (CloudWatch's state) wins.
    private func evaluateLocalAlarms() {
        guard !localAlarms.isEmpty else { return }
        let reported = Set(state.alarms.filter { $0.reason != Self.localReasonTag }.map(\.name))
        let localNames = Set(localAlarms.map(\.name))
        var statuses = state.alarms.filter { $0.reason != Self.localReasonTag || !localNames.contains($0.name) }
        for definition in localAlarms where !reported.contains(definition.name) {
            let points = state.points(forAlarm: definition)
            var status = AlarmStatus(definition: definition, state: .insufficientData, reason: Self.localReasonTag)
            if let first = points.first, let last = points.last {
                // The last boundary whose period has ended by the fleet's clock.
                let end = definition.periodStart(containing: state.time)
                if end > definition.periodStart(containing: first.time) {
                    let timeline = AlarmEvaluator.run(definition, rawPoints: points, to: max(end, last.time)).timeline
                    status.state = timeline.finalState
                    status.since = timeline.finalStateSince
                }
            }
            statuses.append(status)
        }
        state.alarms = statuses
    }

    /// The reason text marking an alarm state fleetwatch evaluated itself.
    public static let localReasonTag = "evaluated by fleetwatch from the configuration's definition"

    /// Polls until the task is cancelled, sleeping on `clock` until the next source is due (at
    /// most `maxSleep`, so staleness is noticed), and calls `onSnapshot` after every change.
    /// `now` gives the wall time handed to the sources.
    ///
    /// `aligned`: every wake-up falls on one wall-clock grid (``alignmentGrid``), so that many pollers
    /// (a poller per fleet) wake the thread pool once together instead of each at its own instant;
    /// a poll then takes the grid instant it woke for as its `now`.
    public func run(clock: some Clock<Duration>, maxSleep: Duration = .seconds(1), aligned: Bool = false,
                    now: @Sendable () -> Date = { Date() },
                    onSnapshot: @Sendable (FleetState) -> Void) async {
        while !Task.isCancelled {
            let turn = await step(maxSleep: maxSleep, aligned: aligned, now: now)
            if let state = turn.state { onSnapshot(state) }
            do { try await clock.sleep(for: turn.wait) } catch { return }
        }
    }

    /// One turn of ``run(clock:maxSleep:aligned:now:onSnapshot:)``: polls at `now()` (aligned: at the
    /// grid instant it woke for), and says how long to sleep before the next turn (`wait`, from the
    /// wall time `now()` after the poll) and until when (`wake`: aligned, the grid instant itself,
    /// which is what a ``PollerDriver`` waits for). `state`: the state, when the poll changed it.
    func step(maxSleep: Duration, aligned: Bool, now: @Sendable () -> Date) async -> (state: FleetState?, wait: Duration, wake: Date) {
        let grid = aligned ? alignmentGrid : nil
        var pollTime = now()
        if let grid, let point = Self.snap(pollTime, grid: grid) { pollTime = point }
        let changed = await pollOnce(now: pollTime)
        var wait = maxSleep
        let t = now()
        var wake: Date?
        if let next = nextPoll {
            var seconds = max(0.01, next.timeIntervalSince(t))
            if let grid {
                let most = Double(maxSleep.components.seconds) + Double(maxSleep.components.attoseconds) / 1e18
                let point = Self.gridPoint(atOrAfter: t.addingTimeInterval(min(seconds, most)), grid: grid)
                wake = point
                seconds = max(0.01, point.timeIntervalSince(t))
                wait = .milliseconds(Int64(Int(saturating: (seconds * 1000).rounded(.up))))
            } else {
                wait = min(wait, .milliseconds(Int64(Int(saturating: seconds * 1000))))  // never traps on a far-off poll
            }
        } else if !schedule.isEmpty {
            wait = .milliseconds(10)
        }
        let c = wait.components
        return (changed ? state : nil, wait, wake ?? t.addingTimeInterval(Double(c.seconds) + Double(c.attoseconds) / 1e18))
    }

    /// ``run(clock:maxSleep:now:onSnapshot:)`` as a stream: the poller runs while the stream is
    /// iterated and yields the state after every change (the newest only, when the reader is slow);
    /// it stops when the reader stops iterating or its task is cancelled.
    public nonisolated func snapshots(clock: some Clock<Duration> = ContinuousClock(),
                                      maxSleep: Duration = .seconds(1)) -> AsyncStream<FleetState> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let task = Task {
                await self.run(clock: clock, maxSleep: maxSleep) { continuation.yield($0) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The aligned wake-ups' grid: the shortest interval, at most a second.
    nonisolated var alignmentGrid: TimeInterval? { grid }

    private static func later(_ a: Date?, _ b: Date?) -> Date? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    /// The first instant at or after `t` of the grid `k × grid + grid / 2` (wall clock): half-way
    /// between whole seconds at a 1 s grid, away from the dashboard's redraw on the whole second.
    static func gridPoint(atOrAfter t: Date, grid: TimeInterval) -> Date {
        let k = ((t.timeIntervalSince1970 - grid / 2) / grid).rounded(.up)
        return Date(timeIntervalSince1970: k * grid + grid / 2)
    }

    /// The grid instant `t` woke for: the one at most a quarter of the grid before it, if any.
    static func snap(_ t: Date, grid: TimeInterval) -> Date? {
        let point = gridPoint(atOrAfter: t.addingTimeInterval(-grid / 4), grid: grid)
        return point <= t ? point : nil
    }

    func isStale(_ status: SourceStatus, now: Date, after: TimeInterval) -> Bool {
        if let newest = status.newestData {
            let sourceNow = now.addingTimeInterval(clockOffset[status.name] ?? 0)
            return sourceNow.timeIntervalSince(newest) > after
        }
        guard let lastSuccess = status.lastSuccess else { return false }
        return now.timeIntervalSince(lastSuccess) > after
    }

    /// The text shown for an error: its description, on one line.
    static func message(_ error: any Error) -> String {
        let text = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        return SafeText.line(text)
    }
}
