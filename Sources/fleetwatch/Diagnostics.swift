import FleetCore
import Foundation

/// The one way a command reports an error: `fleetwatch: message` on stderr (one line, through the one
/// sanitiser, ``SafeText/line(_:)``: input quoted in a message cannot reach the terminal), then exit with
/// `status` (2: bad input, the convention of grep and diff; 1: the run itself failed).
func fail(_ message: String, status: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("fleetwatch: \(SafeText.line(message))\n".utf8))
    exit(status)
}

/// Prints `fleetwatch: warning: message` on stderr, one sanitised line.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("fleetwatch: warning: \(SafeText.line(message))\n".utf8))
}

/// A user-facing error a command throws: `main` prints it as one line and exits 2.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
