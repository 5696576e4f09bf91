import FleetDashboard
import FleetTestSupport
import Foundation
import Testing

/// Compares a whole frame, as text, with `Snapshots/<name>.txt`. Run with
/// `FLEETWATCH_UPDATE_SNAPSHOTS=1 swift test` to write the files anew after a deliberate change.
func expectFrame(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = URL(fileURLWithPath: FixtureFiles.repositoryPath("Tests/FleetDashboardTests/Snapshots"))
    let file = dir.appendingPathComponent("\(name).txt")
    let actual = canvas.lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["FLEETWATCH_UPDATE_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = Array(zip(e, a)).firstIndex { $0 != $1 } ?? min(e.count, a.count)
        Issue.record("""
            frame \(name) differs from Snapshots/\(name).txt at line \(firstDiff + 1):
            expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<none>")
            actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<none>")
            whole frame:
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}
