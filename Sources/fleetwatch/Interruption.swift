import ArgumentParser
import Dispatch
import Foundation
import Synchronization

/// A command that stops cleanly on Ctrl-C or SIGTERM: its task is cancelled (instead of the
/// process ending at once), it finishes what it must (closing connections), and the process exits 130.
protocol StoppableCommand: AsyncParsableCommand {}

/// Runs stoppable commands with SIGINT and SIGTERM turned into task cancellation.
enum Interruption {
    /// Runs `command` in a task that SIGINT or SIGTERM cancels; true when one arrived.
    static func run(_ command: any StoppableCommand) async throws -> Bool {
        nonisolated(unsafe) var command = command  // moved into the task, not used here again
        let task = Task { try await command.run() }
        let interrupted = Flag()
        let sources = [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                interrupted.value.store(true, ordering: .releasing)
                task.cancel()
            }
            source.resume()
            return source
        }
        defer { for source in sources { source.cancel() } }
        try await task.value
        return interrupted.value.load(ordering: .acquiring)
    }
}

/// Set from the signal handlers' queue, read after the command's task ends.
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
