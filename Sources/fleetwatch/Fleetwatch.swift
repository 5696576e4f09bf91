import ArgumentParser

@main
struct Fleetwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleetwatch",
        abstract: "A terminal dashboard for a web fleet behind an AWS Application Load Balancer.",
        discussion: """
            With no arguments, plays the built-in demo: a simulated outage of us-east-1b.
            Keys: q quit, ? help, p pause, +/- zoom, Tab focus, Enter full screen, t theme, g glyphs.
            """,
        subcommands: [DashboardCommand.self, SnapshotCommand.self, ProbeCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
