import ArgumentParser
import Foundation

@main
struct Fleetwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetwatch",
        abstract: "A terminal dashboard for a web fleet behind an AWS Application Load Balancer.",
        discussion: """
            With no arguments, replays the built-in demo: a recorded outage of us-east-1b (two hours at ×60).
            Keys: q quit, ? help, p pause, +/- zoom, Tab focus, Enter full screen, a alarm preview, t theme, g glyphs;
            replaying: space pause, [ ] speed, ← → seek, Home End.
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
        } catch {
            fail("\(error)")
        }
    }
}
