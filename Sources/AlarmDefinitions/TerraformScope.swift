/// The `variable` defaults and `locals` of a Terraform module, used to resolve `var.x`, `local.x` and
/// `"${var.x}"` where they are plain literals. Nothing else is evaluated: resource attributes, data
/// sources, functions and operators stay unresolved text.
struct TerraformScope: Sendable {
    private var variables: [String: HCLValue] = [:]
    private var locals: [String: HCLValue] = [:]

    init(bodies: [HCLBody]) {
        for body in bodies {
            for block in body.blocks {
                if block.type == "variable", block.labels.count == 1, let value = block.body.attribute("default") {
                    variables[block.labels[0]] = value.value
                } else if block.type == "locals" {
                    for attribute in block.body.attributes { locals[attribute.name] = attribute.value }
                }
            }
        }
    }

    /// `value` with references to literal variables and locals replaced, templates filled in where every
    /// interpolation is such a reference (partly filled otherwise). Chains are followed up to 8 deep.
    func resolve(_ value: HCLValue, depth: Int = 0) -> HCLValue {
        guard depth < 8 else { return value }
        switch value {
        case .expression(let text):
            guard let target = lookup(text) else { return value }
            switch target {
            case .string, .number, .bool, .null: return target
            case .expression, .template:
                let resolved = resolve(target, depth: depth + 1)
                return resolved == target ? value : resolved
            case .list, .object: return target
            }
        case .template(let text):
            return fill(text, depth: depth)
        default:
            return value
        }
    }

    /// `var.name` or `local.name` (surrounding blanks allowed) → its value, if known.
    private func lookup(_ text: String) -> HCLValue? {
        let trimmed = text.alarmTrimmedBlanks
        if trimmed.hasPrefix("var.") {
            let name = String(trimmed.dropFirst(4))
            return Self.isName(name) ? variables[name] : nil
        }
        if trimmed.hasPrefix("local.") {
            let name = String(trimmed.dropFirst(6))
            return Self.isName(name) ? locals[name] : nil
        }
        return nil
    }

    private func fill(_ text: String, depth: Int) -> HCLValue {
        var out = ""
        var complete = true
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                complete = false
                out += rest[open.lowerBound...]
                rest = ""
                break
            }
            let inner = String(rest[open.upperBound..<close]).alarmTrimmed("~ \t")
            let resolved = lookup(inner).map { resolve($0, depth: depth + 1) }
            if let literal = resolved?.literalText {
                out += literal
            } else {
                complete = false
                out += rest[open.lowerBound...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        if out.contains("%{") { complete = false }
        return complete ? .string(out) : .template(out)
    }

    private static func isName(_ name: String) -> Bool {
        guard let first = name.utf8.first, HCLLexer.isIdentifierStart(first) else { return false }
        return name.utf8.allSatisfy(HCLLexer.isIdentifierPart)
    }
}

extension String {
    var alarmTrimmedBlanks: String { alarmTrimmed(" \t\r\n") }

    func alarmTrimmed(_ set: String) -> String {
        let chars = Set(set)
        var slice = Substring(self)
        while let first = slice.first, chars.contains(first) { slice.removeFirst() }
        while let last = slice.last, chars.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
