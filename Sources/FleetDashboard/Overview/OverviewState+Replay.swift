import FleetCore

extension OverviewState {
    /// Replaying several fleets (``DashboardState/replay`` set): a key the overview does not bind that
    /// is one of the replay clock's (pause, `[`, `]`, `←`, `→`) asks the loop to move the one replay clock
    /// of every fleet, as in an opened fleet. Otherwise nothing.
    mutating func replayKey(_ key: Key) -> [DashboardEffect] {
        guard dashboard.replay != nil, let action = dashboard.keyMap.action(for: key, in: .replay),
              KeyMap.overviewReplayActions.contains(action) else { return [] }
        return dashboard.perform(action)
    }
}
