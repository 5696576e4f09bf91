/// The INI dialect of `~/.aws/credentials` and `~/.aws/config`: `[section]` headers, `key = value`
/// lines, `#`/`;` comments, and indented continuation lines (kept for nested keys such as
/// `s3 =\n  max_concurrent_requests = 10`, which fleetwatch does not need but must not trip on).
public struct AWSINIFile: Sendable, Hashable {
    /// Section name → key → value; keys are lower-cased, values trimmed.
    public var sections: [String: [String: String]]

    public init(sections: [String: [String: String]] = [:]) {
        self.sections = sections
    }

    public init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var lastKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                current = name
                lastKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current else { continue }
            if let first = rawLine.first, first == " " || first == "\t", let key = lastKey {
                // A continuation of the previous (nested) key.
                sections[section]![key, default: ""] += "\n" + line
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            // An inline comment needs whitespace before it (`key = value ; note`).
            for marker in [" #", " ;", "\t#", "\t;"] {
                if let r = value.range(of: marker) { value = value[..<r.lowerBound].trimmingCharacters(in: .whitespaces) }
            }
            sections[section]![key] = value
            lastKey = key
        }
        self.sections = sections
    }

    public subscript(section section: String) -> [String: String]? { sections[section] }
}
