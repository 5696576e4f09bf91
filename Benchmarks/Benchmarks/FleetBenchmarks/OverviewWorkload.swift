import FleetCore
import FleetDashboard
import FleetSources
import Foundation

/// The overview's budget (issue 15) taken apart: 200 simulated fleets at 160×48, and one poll of one
/// simulated fleet. Shared by the package benchmark (`OverviewBenchmarks.swift`) and
/// `scripts/bench-fleets.sh` (which links it against release objects without building the package).
struct OverviewWorkload {
    static let start = Date(timeIntervalSince1970: 1_767_618_000)  // 2026-01-05T13:00:00Z

    var overview: OverviewState
    /// Each fleet after `minutes` simulated minutes, and one minute later (a new datapoint in every
    /// series, a new CPU for every instance: a refresh in which every row changes).
    let states: [FleetState]
    let minuteLater: [FleetState]
    /// Each fleet's state as a poll that brought nothing new leaves it: the clock and the source's
    /// last success moved (what most of the 200 states of a second are).
    let clockOnly: [FleetState]
    var previous: Canvas
    /// The overview's last frame, kept as the dashboard loop keeps it (``OverviewState/view(reusing:)``).
    var frame: OverviewFrame?

    /// `fleets` fleets named, zoned and sized as `--fleets N` makes them (a fifth in trouble), each
    /// simulated for `minutes` (72 at 200 fleets, as `--fleets 200` shares out history).
    init(fleets: Int = 200, minutes: Int = 72, width: Int = 160, height: Int = 48) {
        let config = try! SimulatedFleets.config(count: fleets, seed: 1, refresh: 1)
        var states: [FleetState] = [], later: [FleetState] = [], clockOnly: [FleetState] = []
        for (i, entry) in config.fleets.enumerated() {
            let scenario: Scenario = i % 10 == 3 ? .azOutage : i % 10 == 6 ? .badDeploy : i % 20 == 9 ? .trafficSpike : .steady
            var simulator = FleetSimulator(scenario: scenario, seed: UInt64(i), start: Self.start, fleet: entry.fleet)
            var state = FleetState(time: simulator.start, fleet: entry.fleet, seriesCapacity: minutes)
            simulator.run(for: TimeInterval(minutes * 60), into: &state)
            state.apply(FleetUpdate(status: simulator.status(detail: "mock")))
            states.append(state)
            var moved = state
            moved.time = state.time.addingTimeInterval(1)
            moved.sources[0].lastSuccess = moved.time
            clockOnly.append(moved)
            simulator.run(for: 60, into: &state)
            state.apply(FleetUpdate(status: simulator.status(detail: "mock")))
            later.append(state)
        }
        self.states = states
        minuteLater = later
        self.clockOnly = clockOnly
        let dashboard = DashboardState(fleet: states[0], now: states[0].time, width: width, height: height)
        overview = OverviewState(fleets: states, accounts: config.fleets.map(\.account), dashboard: dashboard)
        previous = overview.view(reusing: &frame)
    }

    /// One refresh of the overview as the loop makes it: every fleet's new state taken in, the frame
    /// made from the last one and diffed against it. Returns the cells that changed.
    mutating func refresh(_ fleets: [FleetState]) -> Int {
        for (index, state) in fleets.enumerated() { _ = overview.receive(state, at: index) }
        let frame = overview.view(reusing: &self.frame)
        let changed = CanvasDiff.forEachChangedRun(from: previous, to: frame, columns: frame.width, rows: frame.height) { _, _, _ in }
        previous = frame
        return changed
    }

    /// A poller over one simulated fleet (`--fleets`' kind of source: a mock with an hour of history),
    /// polled once so that the next polls bring only what is new.
    static func poller(speed: Double) async -> Poller {
        let source = MockSource(scenario: .steady, seed: 1, start: start, speed: speed, prefill: 3600)
        let poller = Poller(state: FleetState(time: start, fleet: .erato, seriesCapacity: 72),
                            sources: [ScheduledSource(source, every: 1)])
        await poller.pollOnce(now: start)
        return poller
    }
}
