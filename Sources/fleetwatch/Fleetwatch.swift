import ArgumentParser
import FleetDashboard
import Foundation

@main
struct Fleetwatch: AsyncParsableCommand {
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
    /// friends; ArgumentParser's own is 64) after a one-line message, and that every error a command
    /// throws is reported the one way (``fail(_:status:)``). Commands that draw a screen run
    /// synchronously on this thread (curses wants one thread); the others are async.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .validationFailure { fail("\(message(for: error)) (see --help)") }
            exit(withError: error)
        }
        do {
            switch command {
            case let stoppable as any StoppableCommand:
                if try await Interruption.run(stoppable) { Foundation.exit(130) }
            case var async as any AsyncParsableCommand:
                try await async.run()
            default:
                var sync = command
                try sync.run()
            }
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch where exitCode(for: error) == .success {
            // `--help` and `help`: ArgumentParser hands back a help command whose run() throws the
            // request; printing it is ArgumentParser's job (exit 0).
            exit(withError: error)
        } catch {
            fail("\(error)")
        }
    }
}
