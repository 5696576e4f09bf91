import ArgumentParser

@main
struct Fleetwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetwatch",
        abstract: "A terminal dashboard for a web fleet behind an AWS Application Load Balancer.",
        discussion: """
            With no arguments, replays the built-in demo: a recorded outage of us-east-1b (two hours at ×60).
            Keys: q quit, ? help, p pause, +/- zoom, Tab focus, Enter full screen, t theme, g glyphs;
            replaying: space pause, [ ] speed, ← → seek, Home End.
            """,
        subcommands: [DashboardCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayFileCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
