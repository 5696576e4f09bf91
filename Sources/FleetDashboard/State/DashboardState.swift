import FleetCore
import Foundation

/// The panels, in focus order. The 2×2 grid shows the first four (the lower-left slot shows
/// unhealthy hosts or errors and latency, ``DashboardState/lowerLeft``); a large screen shows all six
/// (``ScreenLayout/isLarge``).
public enum PanelID: Int, Sendable, Hashable, CaseIterable {
    case cpu, requests, unhealthy, instances, errors, events

    public var title: String {
        switch self {
        case .cpu: "CPU"
        case .requests: "ALB requests"
        case .unhealthy: "Unhealthy hosts"
        case .instances: "Instances by AZ"
        case .errors: "Errors & latency"
        case .events: "Events"
        }
    }
}

/// Everything the dashboard shows, as plain values: `update` changes it, `view` draws it.
public struct DashboardState: Sendable {
    /// The time windows `+`/`-` step through, in seconds.
    public static let windows = [15 * 60, 30 * 60, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600]

    /// The fleet as shown (frozen while paused).
    public var fleet: FleetState
    /// The newest fleet state received while paused, applied on resume.
    public var pendingFleet: FleetState?
    /// Wall-clock time of the last tick, for data ages.
    public var now: Date
    public var width: Int
    public var height: Int
    public var windowIndex: Int
    public var focus: PanelID = .cpu
    public var zoomed = false
    public var paused = false
    public var showHelp = false
    public var requestsStacked = false
    public var themes: [Theme]
    public var themeIndex = 0
    public var glyphs: GlyphSet
    /// A label for where the data comes from that is not a source, e.g. "demo".
    public var modeLabel: String?
    /// Messages on the status line, each with its lifetime (``post(_:)``).
    public var notices: [Notice] = []
    /// Wall-clock time, for notice lifetimes: `tick` sets it live; replaying, `clock` does (the
    /// replay's `tick` carries the recording's time).
    public var wallClock: Date
    /// Set while replaying a recording: the header shows it, and the replay keys (space, `[`, `]`,
    /// `←`, `→`, Home, End) return ``DashboardEffect/replay(_:)`` effects instead of acting on the screen.
    public var replay: ReplayStatus?
    /// The alarm threshold preview, while open (key `a`).
    public var preview: AlarmPreview?
    /// The group's scaling policies, when the dashboard was given them (the scaling view replays them).
    public var scaling: ScalingSettings?
    /// The preview's scaling view, while open (`v` in the alarm preview).
    public var scalingWhatIf: ScalingWhatIf?
    /// The keys in force.
    public var keyMap: KeyMap = .standard
    /// What the 2×2 grid's lower-left slot shows: `.unhealthy` or `.errors` (key `l`).
    public var lowerLeft: PanelID = .unhealthy
    /// The events overlay (key `e`).
    public var showEvents = false
    /// The instance row under the cursor in the instances panel (an index into ``cursorOrder``).
    public var cursor = 0
    /// The instance whose view is open (`Enter` on an instance row), by id.
    public var openInstance: String?

    public init(fleet: FleetState, now: Date, width: Int, height: Int, themes: [Theme] = BuiltinThemes.all,
                themeIndex: Int = 0, glyphs: GlyphSet = .braille, window: Int = 3600) {
        self.fleet = fleet
        self.now = now
        self.wallClock = now
        self.width = width
        self.height = height
        self.themes = themes.isEmpty ? [BuiltinThemes.fallback] : themes
        self.themeIndex = min(max(0, themeIndex), self.themes.count - 1)
        self.glyphs = glyphs
        self.windowIndex = Self.windows.firstIndex(of: window) ?? 2
    }

    public var theme: Theme { themes[themeIndex] }
    public var windowSeconds: Int { Self.windows[windowIndex] }

    /// The end of the time window: the fleet's clock, or the newest datapoint's period end when
    /// the data is older than the whole window (an export from last week still draws).
    public var windowEnd: Date {
        if let newest = fleet.newestDatapoint, fleet.time.timeIntervalSince(newest) > Double(windowSeconds) {
            return newest.addingTimeInterval(60)
        }
        return fleet.time
    }

    public var windowStart: Date { windowEnd.addingTimeInterval(-Double(windowSeconds)) }

    /// The smallest terminal the full dashboard fits in.
    public static let minimumSize = (width: 64, height: 18)

    public var isTooSmall: Bool {
        width < Self.minimumSize.width || height < Self.minimumSize.height
    }

    /// Paused, as the header shows it: the replay clock's pause while replaying, else the screen's.
    public var isPaused: Bool { replay?.paused ?? paused }

    /// Each source's data age in whole seconds at `now`: what a clock tick can change on screen.
    public var sourceAges: [Int] { fleet.sources.map { $0.age(at: now) } }
}
