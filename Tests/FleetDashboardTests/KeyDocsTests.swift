@testable import FleetDashboard
import Foundation
import Testing

@Suite("Key documentation")
struct KeyDocsTests {
    /// README.md at the top of the package.
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    @Test("README.md's key tables are the key map's (on failure, the expected table is printed)")
    func readmeTables() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        for (mode, table) in KeyMap.standard.readmeTables {
            let open = "<!-- keys:\(mode.rawValue) -->\n", close = "\n<!-- /keys:\(mode.rawValue) -->"
            guard let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) else {
                Issue.record("README.md has no \(open.trimmingCharacters(in: .newlines)) … \(close.trimmingCharacters(in: .newlines)); put there:\n\(table)")
                continue
            }
            let found = String(text[a.upperBound..<b.lowerBound])
            #expect(found == table, "README.md's \(mode.rawValue) keys differ from the key map; expected:\n\(table)")
        }
    }

    @Test("--help's keys come from the map")
    func commandLine() {
        let summary = KeyMap.standard.commandLineSummary
        #expect(summary.hasPrefix("Keys: q quit, ? help, p pause, +/- zoom, Tab focus, ⏎ full screen, a alarm preview"))
        #expect(summary.contains("replaying: [ ] speed, ← → seek, Home/End start/end;"))
        #expect(summary.contains("alarm preview: ↑↓ threshold, PgUp/PgDn ×10"))
    }
}
