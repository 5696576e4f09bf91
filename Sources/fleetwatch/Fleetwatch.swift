import ArgumentParser
import FleetDashboard
import Foundation

@main
struct Fleetwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetwatch",
        abstract: "A terminal dashboard for a web fleet behind an AWS Application Load Balancer.",
        discussion: """
            With no arguments, replays the built-in demo: a recorded outage of us-east-1b (two hours at ×60).
            \(KeyMap.standard.commandLineSummary)
            Rebind keys in $XDG_CONFIG_HOME/fleetwatch/keys.yaml or a configuration's keys: section (README).
            """,
        subcommands: [DashboardCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayFileCommand.self,
                      PreviewCommand.self, ProbeCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// As ArgumentParser's, except that a bad argument exits 2 (the convention of grep, diff and
    /// friends; ArgumentParser's own is 64) after a one-line message.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data("fleetwatch: \(message(for: error)) (see --help)\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
