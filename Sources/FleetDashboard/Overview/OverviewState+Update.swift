import FleetCore
import Foundation

extension OverviewState {
    /// Applies a screen event (keys, resizes, ticks); a new fleet state comes through
    /// ``receive(_:at:)``. Pure, like ``DashboardState/update(_:)``: what the loop must do comes back.
    @discardableResult
    public mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .key(let key):
            defer { keepScroll() }
            return handle(key)
        case .fleet(let state):
            // A bare fleet state is the opened fleet's (there is no index); the loop uses `receive`.
            if let opened { return receive(state, at: opened) }
            return []
        case .mouse(let mouse):
            defer { keepScroll() }
            return opened != nil ? dashboard.update(event) : handle(mouse)
        case .resize:
            defer { keepScroll() }
            return dashboard.update(event)
        case .tick, .clock, .exported:
            return dashboard.update(event)
        }
    }

    /// Fleet `index` has a new state: its row is made again, the opened dashboard gets it, and each
    /// alarm that went from a known other state to ALARM asks the loop to perform `on_alarm:`
    /// (``DashboardEffect/alarmRaised(fleet:alarm:)``), once per transition. The first state seen of an
    /// alarm is its baseline: an alarm already in ALARM when fleetwatch starts rings nothing.
    @discardableResult
    public mutating func receive(_ state: FleetState, at index: Int) -> [DashboardEffect] {
        guard fleets.indices.contains(index) else { return [] }
        // Most states of a fleet polled every second bring nothing but its clock and its sources'
        // answers: the series, instances and alarms are then the very same storage (compared in O(1)),
        // the row keeps its numbers and no alarm can have changed. (Compared in place: a copy of the
        // old state would retain and release each of its parts.)
        let sameData = fleets[index].series == state.series && fleets[index].instances == state.instances
            && fleets[index].alarms == state.alarms && fleets[index].fleet == state.fleet
        let oldAlarms = sameData ? [] : fleets[index].alarms
        fleets[index] = state
        if opened == index { dashboard.update(.fleet(state)) }
        if sameData {
            summaries[index].refresh(clockOf: state)
            return []
        }
        summaries[index] = FleetSummary(state, account: accounts[index], previous: summaries[index])
        return AlarmStatus.raised(from: oldAlarms, to: state.alarms)
            .map { .alarmRaised(fleet: state.fleet.name, alarm: $0.name) }
    }

    /// Opens fleet `index`'s dashboard: the single-fleet screen, from its top.
    public mutating func open(_ index: Int) {
        guard fleets.indices.contains(index) else { return }
        opened = index
        selected = index
        dashboard.fleet = fleets[index]
        dashboard.pendingFleet = nil
        dashboard.paused = false
        dashboard.focus = .cpu
        dashboard.zoomed = false
        dashboard.showEvents = false
        dashboard.cursor = 0
        dashboard.openInstance = nil
        dashboard.preview = nil
        dashboard.scalingWhatIf = nil
        dashboard.scaling = fleetScaling[fleets[index].fleet.name] ?? defaultScaling
    }

    /// Back from the opened fleet to the overview.
    public mutating func close() {
        opened = nil
        dashboard.showHelp = false
    }

    mutating func handle(_ key: Key) -> [DashboardEffect] {
        let keyMap = dashboard.keyMap
        if opened != nil {
            // Esc where the dashboard has nothing left to leave comes back to the overview.
            let mode = dashboard.keyMode
            if (mode == .live || mode == .replay), keyMap.action(for: key, in: mode) == .back,
               !dashboard.zoomed, !dashboard.showEvents {
                dashboard.notices.removeAll()
                close()
                return []
            }
            return dashboard.update(.key(key))
        }
        dashboard.notices.removeAll()
        if dashboard.showHelp {
            if keyMap.action(for: key, in: .help) == .quit { return [.quit] }
            dashboard.showHelp = false
            return []
        }
        if prompt != nil { return handlePrompt(key) }
        guard let action = keyMap.action(for: key, in: .overview) else { return replayKey(key) }
        let shown = rows
        let row = selectedRow(in: shown)
        func select(_ r: Int) {
            guard !shown.isEmpty else { return }
            selected = shown[min(max(0, r), shown.count - 1)]
        }
        switch action {
        case .quit: return [.quit]
        case .help: dashboard.showHelp = true
        case .theme, .glyphs: return dashboard.perform(action)
        case .selectUp: select((row ?? 0) - 1)
        case .selectDown: select((row ?? -1) + 1)
        case .pageUp: select((row ?? 0) - visibleRows)
        case .pageDown: select((row ?? 0) + visibleRows)
        case .selectFirst: select(0)
        case .selectLast: select(shown.count - 1)
        case .openFleet:
            if let row { open(shown[row]) }
        case .filter:
            prompt = .filter(previous: filter)
            promptText = filter
        case .jump:
            prompt = .jump(candidates: [])
            promptText = ""
        default: break
        }
        return []
    }

    /// A key while the prompt is up: bound ones accept, cancel, complete or erase; a character is typed.
    mutating func handlePrompt(_ key: Key) -> [DashboardEffect] {
        guard let prompt else { return [] }
        let keyMap = dashboard.keyMap
        switch keyMap.action(for: key, in: .prompt) {
        case .accept:
            if case .jump = prompt { jump(to: promptText) }
            self.prompt = nil
        case .cancel:
            if case .filter(let previous) = prompt { filter = previous }
            self.prompt = nil
        case .complete:
            if case .jump = prompt { complete() }
        case .erase:
            if !promptText.isEmpty { promptText.removeLast() }
            if case .filter = prompt { filter = promptText }
            if case .jump = prompt { self.prompt = .jump(candidates: []) }
        default:
            guard case .char(let c) = key else {
                // Ctrl-C (or whatever quits outside the prompt, if not a character) still quits.
                return keyMap.action(for: key, in: .overview) == .quit ? [.quit] : []
            }
            guard promptText.count < Self.maxPromptLength else { return [] }
            promptText.append(c)
            if case .filter = prompt { filter = promptText }
            if case .jump = prompt { self.prompt = .jump(candidates: []) }
        }
        return []
    }

    /// The longest text typed at the prompt.
    static let maxPromptLength = 200

    /// The fleet names `text` completes to: those starting with it (any case), else those containing it.
    public func completions(of text: String) -> [String] {
        let names = summaries.map(\.name)
        let lower = text.lowercased()
        let starting = names.filter { $0.lowercased().hasPrefix(lower) }
        return (starting.isEmpty ? names.filter { $0.lowercased().contains(lower) } : starting).sorted()
    }

    /// Tab: the name when one fleet matches; else the longest common start of those that do, with
    /// them listed under the prompt.
    mutating func complete() {
        let matches = completions(of: promptText)
        guard let first = matches.first else {
            prompt = .jump(candidates: [])
            return
        }
        if matches.count == 1 {
            promptText = first
            prompt = .jump(candidates: [])
            return
        }
        var common = first
        for name in matches.dropFirst() {
            while !name.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
        }
        if common.count > promptText.count { promptText = common }
        prompt = .jump(candidates: matches)
    }

    /// Selects the fleet named `text` (exactly, else the first completion); clears a filter that hides it.
    mutating func jump(to text: String) {
        let names = summaries.map(\.name)
        guard let name = names.first(where: { $0 == text }) ?? completions(of: text).first,
              let index = names.firstIndex(of: name) else {
            dashboard.post("no fleet matches '\(text)'")
            return
        }
        selected = index
        if !rows.contains(index) { filter = "" }
    }
}
