extension KeyMap {
    /// The keys part of `fleetwatch --help`: the status line's entries of each mode.
    public var commandLineSummary: String {
        func entries(_ mode: KeyMode, skipping: Set<String> = []) -> [String] {
            statusHints(for: mode).map { "\($0.keys) \($0.label)" }.filter { !skipping.contains($0) }
        }
        let live = entries(.live)
        return "Keys: " + live.joined(separator: ", ") + ";\n"
            + "replaying: " + entries(.replay, skipping: Set(live)).joined(separator: ", ") + ";\n"
            + "alarm preview: " + previewKeyLine.replacingOccurrences(of: "  ", with: ", ") + ";\n"
            + "scaling view: " + scalingKeyLine.replacingOccurrences(of: "  ", with: ", ") + "."
    }

    /// The README's key tables, one per mode, each between `<!-- keys:MODE -->` and
    /// `<!-- /keys:MODE -->`. Replay and preview list only what differs from live.
    public var readmeTables: [(mode: KeyMode, text: String)] {
        let live = helpRows(for: .live)
        func table(_ mode: KeyMode) -> String {
            let rows = helpRows(for: mode).filter { row in
                mode == .live || !live.contains { $0.keys == row.keys && $0.text == row.text }
            }
            var lines = ["| key | does |", "|---|---|"]
            for row in rows {
                let keys = row.keys.components(separatedBy: ", ").map { "`" + $0.replacingOccurrences(of: "|", with: "\\|") + "`" }
                lines.append("| \(keys.joined(separator: ", ")) | \(row.text) |")
            }
            return lines.joined(separator: "\n")
        }
        return [KeyMode.live, .replay, .preview, .scaling, .instance, .overview, .prompt].map { ($0, table($0)) }
    }
}
