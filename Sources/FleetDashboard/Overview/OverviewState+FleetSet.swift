import FleetCore

extension OverviewState {
    /// The index into ``fleets`` of the fleet with stable id `id`.
    public func index(ofFleet id: Int) -> Int? { ids.firstIndex(of: id) }

    /// Fleet `id` (a stable id, ``ids``) has a new state; a state of a fleet no longer shown is dropped.
    @discardableResult
    public mutating func receive(_ state: FleetState, fleetID id: Int) -> [DashboardEffect] {
        guard let index = index(ofFleet: id) else { return [] }
        return receive(state, at: index)
    }

    /// Applies a change to the set of fleets, keeping what the user chose: the filter, the selected
    /// fleet (a removed one hands the selection to its neighbour below, else above, in the rows
    /// shown), the opened fleet (a removed one comes back to the overview), and each remaining
    /// fleet's alarm baseline for `on_alarm:` (an added fleet's first alarms are its baseline, as at
    /// start). Says what happened on the status line. Pure.
    public mutating func apply(_ change: FleetSetChange) {
        var gone: [String] = []
        var closedOpened = false
        for id in change.removed {
            guard let i = index(ofFleet: id) else { continue }
            gone.append(fleets[i].fleet.name)
            if selected == i {
                let shown = rows
                if let row = shown.firstIndex(of: i) {
                    selected = row + 1 < shown.count ? shown[row + 1] : (row > 0 ? shown[row - 1] : nil)
                } else {
                    selected = nil
                }
            }
            if opened == i {
                close()
                closedOpened = true
            }
            fleets.remove(at: i)
            summaries.remove(at: i)
            accounts.remove(at: i)
            ids.remove(at: i)
            if let s = selected, s > i { selected = s - 1 }
            if let o = opened, o > i { opened = o - 1 }
        }
        var moved: [String] = []
        for update in change.updated {
            guard let i = index(ofFleet: update.id) else { continue }
            fleets[i].fleet = update.fleet
            summaries[i] = FleetSummary(fleets[i], account: accounts[i])
            if opened == i { dashboard.fleet.fleet = update.fleet }
            moved.append("\(update.fleet.name) now has \(update.what)")
        }
        var new: [String] = []
        for added in change.added where index(ofFleet: added.id) == nil {
            fleets.append(added.state)
            summaries.append(FleetSummary(added.state, account: added.account))
            accounts.append(added.account)
            ids.append(added.id)
            new.append(added.state.fleet.name)
        }
        // One line: `discover: new fleet green-api; billing-api no longer found, removed; …`.
        var said: [String] = []
        if !new.isEmpty { said.append("new \(Self.fleetWord(new.count)) \(new.joined(separator: ", "))") }
        if !gone.isEmpty {
            said.append("\(gone.joined(separator: ", ")) no longer found, removed" + (closedOpened ? "; back to the overview" : ""))
        }
        said += moved
        if let problem = change.problem {
            said.append("\(problem) (keeping \(fleets.count) \(Self.fleetWord(fleets.count)); trying again later)")
        }
        if !said.isEmpty { dashboard.post("discover: " + said.joined(separator: "; ")) }
    }

    static func fleetWord(_ count: Int) -> String { count == 1 ? "fleet" : "fleets" }
}
