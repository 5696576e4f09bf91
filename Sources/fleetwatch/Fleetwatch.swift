import ArgumentParser
import FleetCore
import Foundation

@main
struct Fleetwatch: ParsableCommand {
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
    /// friends; ArgumentParser's own is 64) after a one-line message.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data(SafeText.printable("fleetwatch: \(message(for: error)) (see --help)\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
