import FleetDashboard
import FleetSources
import Foundation

extension DashboardLoop {
    /// The overview starts at the replay's position: every fleet's state there, the replay status shown.
    mutating func startFleetsReplay(_ player: FleetsReplayPlayer) {
        precondition(overview != nil, "a replay of several fleets needs the overview")
        overview!.dashboard.replay = player.status
        for (index, fleet) in player.states.enumerated() { _ = overview!.receive(fleet, at: index) }
        _ = overview!.update(.tick(now: player.position))
    }

    /// One step of the replay clock of several fleets: `wallSeconds` × speed, then the commands the keys
    /// asked for (they act on every fleet at once, in the overview as in an opened fleet). Each fleet whose
    /// state moved is handed to the overview; the ALARM transitions that returns are dropped: `on_alarm`
    /// does not run in replay (as in a replay of one fleet). `wallNow`, once a second, ages the notices.
    /// Returns true when the screen changed.
    mutating func stepFleetsReplay(_ player: inout FleetsReplayPlayer, wallSeconds: TimeInterval,
                                   commands: [ReplayCommand], wallNow: Date?) -> Bool {
        let before = player.players.map(\.applied)
        player.advance(wallSeconds: wallSeconds)
        for command in commands { player.apply(command) }
        var changed = false
        for index in player.players.indices where player.players[index].applied != before[index] {
            _ = overview!.receive(player.players[index].state, at: index)
            changed = true
        }
        let status = player.status
        if changed || status != overview!.dashboard.replay || player.position != overview!.now {
            overview!.dashboard.replay = status
            _ = overview!.update(.tick(now: player.position))
            changed = true
        }
        if let wallNow {
            // Notices live in wall time, whatever the replay's clock does.
            let notice = overview!.dashboard.notice
            _ = overview!.update(.clock(wallNow))
            if overview!.dashboard.notice != notice { changed = true }
        }
        return changed
    }
}
