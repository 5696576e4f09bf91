import Foundation
import Synchronization

/// Runs `on_alarm:`'s command when an alarm goes to ALARM: the program and its arguments exactly
/// as configured (never through a shell), with `FLEETWATCH_FLEET`, `FLEETWATCH_ALARM` and
/// `FLEETWATCH_STATE` added to fleetwatch's environment, its output discarded. The loop thread
/// starts it and never waits for it; while one runs for a fleet and alarm, another transition of
/// the same pair starts none.
public final class AlarmCommandRunner: Sendable {
    public let argv: [String]
    private let running = Mutex<Set<String>>([])

    public init(argv: [String]) {
        precondition(!argv.isEmpty, "a command needs a program")
        self.argv = argv
    }

    /// Starts the command for `fleet`'s `alarm`; returns why it did not start (already running for
    /// this pair, or the program could not be started), nil when it did.
    @discardableResult
    public func run(fleet: String, alarm: String, state: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let key = fleet + "\u{0}" + alarm
        guard running.withLock({ $0.insert(key).inserted }) else { return "already running for \(fleet) \(alarm)" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.resolve(argv[0], path: environment["PATH"]))
        process.arguments = Array(argv.dropFirst())
        var env = environment
        env["FLEETWATCH_FLEET"] = fleet
        env["FLEETWATCH_ALARM"] = alarm
        env["FLEETWATCH_STATE"] = state
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { [self] _ in
            _ = self.running.withLock { $0.remove(key) }
        }
        do {
            try process.run()
            return nil
        } catch {
            _ = running.withLock { $0.remove(key) }
            return "could not run \(argv[0]): \(error.localizedDescription)"
        }
    }

    /// Commands running now (fleet and alarm pairs).
    public var runningCount: Int { running.withLock { $0.count } }

    /// `program` as a path: as given when it has a slash, else the first executable of that name on `path`.
    static func resolve(_ program: String, path: String?) -> String {
        guard !program.contains("/") else { return program }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }
}
