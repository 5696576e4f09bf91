import FleetApp
import FleetCore
import FleetDashboard
import Foundation
import Synchronization

/// A clock that moves only when the fake backend waits.
final class FakeClock: LoopClock, @unchecked Sendable {
    var time: Date
    init(_ time: Date) { self.time = time }
    func now() -> Date { time }
}

/// A live feed the test delivers to by hand (through the backend's script).
final class ManualFeed: LiveFeed, @unchecked Sendable {
    private(set) var deliver: (@Sendable (FleetState) -> Void)?
    private(set) var stopped = false

    func start(deliver: @escaping @Sendable (FleetState) -> Void) -> @Sendable () -> Void {
        self.deliver = deliver
        return { [self] in stopped = true }
    }
}

/// Several fleets' feed, delivered to by hand (through the backend's script).
final class ManualFleetsFeed: FleetsFeed, @unchecked Sendable {
    private(set) var deliver: (@Sendable (Int, FleetState) -> Void)?
    private(set) var stopped = false

    func start(deliver: @escaping @Sendable (Int, FleetState) -> Void) -> @Sendable () -> Void {
        self.deliver = deliver
        return { [self] in stopped = true }
    }

    private(set) var change: (@Sendable (FleetSetChange) -> Void)?

    func start(deliver: @escaping @Sendable (Int, FleetState) -> Void,
               change: @escaping @Sendable (FleetSetChange) -> Void) -> @Sendable () -> Void {
        self.change = change
        return start(deliver: deliver)
    }
}

/// A terminal for the loop to run on: it plays a script of inputs, waits by moving the fake clock
/// (never the wall clock), and keeps every frame drawn. When the script runs out it hangs up
/// (SIGHUP), so a loop that never quits still ends the test.
final class FakeBackend: TerminalBackend {
    enum Step {
        /// Returned from one `nextInput` call, as a burst (resizes take effect in order).
        case input([TerminalInput])
        /// The live feed delivers this state (and wakes the loop, as the poller's task would).
        case deliver(FleetState)
        /// The fleets feed delivers fleet `index`'s state (and wakes the loop).
        case deliverFleet(Int, FleetState)
        /// The fleets feed changes the set of fleets, then (in the same wake) delivers states by id.
        case changeFleets(FleetSetChange, then: [(Int, FleetState)])
        /// Time passes (in the loop's own timeouts) until this many seconds after the start.
        case waitUntil(TimeInterval)
    }

    var width: Int
    var height: Int
    var hasColor = true
    var isUTF8 = true
    let clock: FakeClock
    let start: Date
    var steps: [Step]
    var feed: ManualFeed?
    var fleetsFeed: ManualFleetsFeed?
    private(set) var frames: [(time: TimeInterval, canvas: Canvas)] = []
    private(set) var timeouts: [Duration] = []
    /// Times the bell rang.
    private(set) var bells = 0
    private let woken = WakeFlag()

    init(width: Int = 160, height: Int = 48, clock: FakeClock, steps: [Step], feed: ManualFeed? = nil) {
        self.width = width
        self.height = height
        self.clock = clock
        self.start = clock.time
        self.steps = steps
        self.feed = feed
    }

    var wakeUp: @Sendable () -> Void {
        let woken = woken
        return { woken.set() }
    }

    @discardableResult
    func draw(_ canvas: Canvas) -> Int {
        frames.append((clock.time.timeIntervalSince(start), canvas))
        return canvas.cells.count
    }

    func bell() { bells += 1 }

    func nextInput(timeout: Duration) -> [TerminalInput] {
        timeouts.append(timeout)
        if woken.take() { return [.wake] }
        guard let step = steps.first else { return [.signal(1)] }
        switch step {
        case .input(let inputs):
            steps.removeFirst()
            for case .resize(let w, let h) in inputs {
                width = w
                height = h
            }
            return inputs
        case .deliver(let state):
            steps.removeFirst()
            feed?.deliver?(state)
            return woken.take() ? [.wake] : []
        case .deliverFleet(let index, let state):
            steps.removeFirst()
            fleetsFeed?.deliver?(index, state)
            return woken.take() ? [.wake] : []
        case .changeFleets(let change, let states):
            steps.removeFirst()
            fleetsFeed?.change?(change)
            for (id, state) in states { fleetsFeed?.deliver?(id, state) }
            return woken.take() ? [.wake] : []
        case .waitUntil(let seconds):
            let target = start.addingTimeInterval(seconds)
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            let next = clock.time.addingTimeInterval(seconds)
            if next < target {
                clock.time = next
            } else {
                clock.time = max(clock.time, target)
                steps.removeFirst()
            }
            return []
        }
    }

    /// The last frame's text, line by line.
    var lastLines: [String] { frames.last?.canvas.text.components(separatedBy: "\n") ?? [] }
}

/// A wake-up from any thread, taken once.
final class WakeFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .sequentiallyConsistent) }
    func take() -> Bool { flag.exchange(false, ordering: .sequentiallyConsistent) }
}
