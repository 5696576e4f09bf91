import FleetCore
import Yams

extension InputError {
    /// THE way a YAML syntax error from Yams becomes an input error, for every YAML file fleetwatch reads
    /// (configuration, alarm definitions, probe targets, keys): the line and column, the problem on one
    /// line; a duplicate key at the line of its second occurrence, never the whole file.
    public static func yaml(_ error: any Error, file: String, text: String) -> InputError {
        guard let yamlError = error as? YamlError else {
            return InputError(file: file, message: "not valid YAML")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return InputError(file: file, line: mark.line, column: mark.column,
                              message: "not valid YAML: \(detail.alarmSingleLine(limit: 120))")
        case .reader(let problem, let offset, _, _):
            return InputError(file: file, byteOffset: offset, message: "not valid YAML: \(problem.alarmSingleLine(limit: 120))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let again = duplicateLine(of: key, after: first, column: context.mark.column, in: text)
            return InputError(file: file, line: again ?? first,
                              message: "duplicate key \(key.alarmQuoted(limit: 60))"
                                + (again.map { _ in " (first at line \(first))" } ?? ""))
        default:
            return InputError(file: file, message: "not valid YAML")
        }
    }

    /// The 1-based line after `line` where `key` starts a mapping entry again at `column` (1-based), or nil.
    static func duplicateLine(of key: String, after line: Int, column: Int, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, column >= 1, line < lines.count else { return nil }
        for n in line..<lines.count {  // lines[n] is line n + 1
            let row = Array(lines[n].unicodeScalars)
            guard row.count >= column else { continue }
            let rest = String(String.UnicodeScalarView(row[(column - 1)...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                let after = rest.dropFirst(candidate.count).drop { $0 == " " || $0 == "\t" }
                if after.first == ":" { return n + 1 }
            }
        }
        return nil
    }
}
