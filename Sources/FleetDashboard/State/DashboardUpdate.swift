import FleetCore
import Foundation

extension DashboardState {
    /// Applies one event. Pure: no I/O, no clock reads.
    public mutating func update(_ event: DashboardEvent) {
        switch event {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        case .tick(let now):
            self.now = now
        case .fleet(let state):
            if paused {
                pendingFleet = state
            } else {
                fleet = state
                refreshPreview()
            }
        case .key(let key):
            handle(key)
        }
    }

    mutating func handle(_ key: Key) {
        switch key {
        case .char("q"), .char("Q"), .ctrl("c"):
            quit()
            return
        default: break
        }
        if showHelp {
            // Any key closes help; `?` and Esc most of all.
            showHelp = false
            return
        }
        if isTooSmall { return }
        if preview != nil, handlePreviewKey(key) { return }
        if replay != nil, let command = Self.replayCommand(for: key) {
            pendingCommands.append(command)
            if command == .togglePause { replay?.paused.toggle() }  // shown at once; the loop confirms
            return
        }
        switch key {
        case .char("a"):
            openPreview()
        case .char("?"), .char("h"), .function(1):
            showHelp = true
        case .char("p"), .char(" "):
            togglePause()
        case .char("+"), .char("="):
            windowIndex = max(0, windowIndex - 1)
        case .char("-"), .char("_"):
            windowIndex = min(Self.windows.count - 1, windowIndex + 1)
        case .tab:
            focus = PanelID(rawValue: (focus.rawValue + 1) % PanelID.allCases.count)!
        case .backTab:
            focus = PanelID(rawValue: (focus.rawValue + PanelID.allCases.count - 1) % PanelID.allCases.count)!
        case .left, .right:
            if !zoomed { focus = PanelID(rawValue: focus.rawValue ^ 1)! }
        case .up, .down:
            if !zoomed { focus = PanelID(rawValue: focus.rawValue ^ 2)! }
        case .enter:
            zoomed.toggle()
        case .escape:
            zoomed = false
        case .char("t"):
            themeIndex = (themeIndex + 1) % themes.count
        case .char("g"):
            glyphs = glyphs.next
        case .char("s"):
            requestsStacked.toggle()
        default:
            break
        }
    }

    /// The replay command a key means while replaying: space and `p` pause the replay clock,
    /// `[`/`]` change speed, `←`/`→` seek a step, Home/End jump to the start/end.
    static func replayCommand(for key: Key) -> ReplayCommand? {
        switch key {
        case .char(" "), .char("p"): .togglePause
        case .char("["): .slower
        case .char("]"): .faster
        case .left: .stepBackward
        case .right: .stepForward
        case .home: .toStart
        case .end: .toEnd
        default: nil
        }
    }

    mutating func togglePause() {
        paused.toggle()
        if !paused, let pending = pendingFleet {
            fleet = pending
            pendingFleet = nil
            refreshPreview()
        }
    }
}
