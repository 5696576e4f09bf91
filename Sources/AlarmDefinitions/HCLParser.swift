import FleetCore

/// Parses the HCL native syntax subset that Terraform resource, variable and locals blocks use into an
/// ``HCLBody``: attributes (`name = value`, ended by a newline), blocks (`type "label" … { … }`, also
/// on one line), literals, lists, objects, heredocs; any other expression (references, function calls,
/// operators, conditionals, splats, `for` expressions) is checked for balance and kept as source text.
///
/// Errors name the file, line and column: `alarms.tf:12:5: expected '=' or '{' after 'threshold'`.
struct HCLParser {
    private let tokens: [HCLToken]
    private let source: [UInt8]
    private let file: String
    private var pos = 0
    /// Open blocks, outermost first, for messages about missing braces.
    private var open: [(description: String, location: SourceLocation)] = []
    /// Expression nesting, bounded so that hostile input cannot exhaust the stack.
    private var depth = 0
    static let maxDepth = 64

    /// Top-level block types that cannot appear inside a block: seeing one there means a '}' is missing.
    private static let topLevelOnly: Set<String> = [
        "resource", "data", "module", "variable", "locals", "provider", "output", "terraform",
    ]

    static func parse(_ text: String, file: String) throws -> HCLBody {
        var parser = HCLParser(tokens: try HCLLexer.tokenize(text, file: file), source: Array(text.utf8), file: file)
        return try parser.parseBody(closedByBrace: false)
    }

    private init(tokens: [HCLToken], source: [UInt8], file: String) {
        self.tokens = tokens
        self.source = source
        self.file = file
    }

    // MARK: Tokens

    private var current: HCLToken { tokens[min(pos, tokens.count - 1)] }

    private mutating func advance() -> HCLToken {
        let token = current
        if pos < tokens.count - 1 { pos += 1 }
        return token
    }

    private mutating func skipNewlines() {
        while current.kind == .newline { pos += 1 }
    }

    private func error(_ token: HCLToken, _ message: String) -> InputError {
        InputError(file: file, at: token.location, message)
    }

    private func text(from first: HCLToken, to last: HCLToken) -> String {
        guard first.start <= last.end, last.end <= source.count else { return "" }
        return String(decoding: source[first.start..<last.end], as: UTF8.self)
    }

    // MARK: Bodies

    private mutating func parseBody(closedByBrace: Bool) throws -> HCLBody {
        var body = HCLBody()
        while true {
            skipNewlines()
            let token = current
            switch token.kind {
            case .eof:
                if closedByBrace, let block = open.last {
                    throw InputError(
                        file: file, at: block.location,
                        "missing '}': \(block.description) opened here is not closed by the end of the file")
                }
                return body
            case .punct("}"):
                guard closedByBrace else { throw error(token, "unexpected '}': no block is open") }
                _ = advance()
                return body
            case .identifier(let name):
                _ = advance()
                let next = current
                if next.isPunct("=") {
                    _ = advance()
                    let value = try parseExpression()
                    try expectEndOfItem(after: "the value of '\(name)'")
                    body.attributes.append(HCLAttribute(name: name, value: value, location: token.location))
                } else if Self.startsBlock(next) {
                    body.blocks.append(try parseBlock(type: name, at: token))
                } else {
                    throw error(next, "expected '=' or '{' after '\(name)', found \(next.described)")
                }
            default:
                throw error(token, "expected an attribute or block name, found \(token.described)")
            }
        }
    }

    /// A label (identifier or string) or '{' after a name starts a block.
    private static func startsBlock(_ token: HCLToken) -> Bool {
        switch token.kind {
        case .identifier, .string, .punct("{"): true
        default: false
        }
    }

    private mutating func parseBlock(type: String, at start: HCLToken) throws -> HCLBlock {
        guard open.count < Self.maxDepth else { throw error(start, "blocks nested more than \(Self.maxDepth) levels deep") }
        if let outer = open.last, Self.topLevelOnly.contains(type) {
            throw error(start, "'\(type)' block inside \(outer.description) opened at \(outer.location): "
                + "is a '}' missing above?")
        }
        var labels: [String] = []
        while true {
            let token = current
            switch token.kind {
            case .identifier(let label):
                labels.append(label)
                _ = advance()
            case .string(.string(let label)):
                labels.append(label)
                _ = advance()
            case .string:
                throw error(token, "a block label cannot contain interpolations")
            case .punct("{"):
                _ = advance()
                let description = ([type] + labels.map { "\"\($0)\"" }).joined(separator: " ") + " block"
                open.append((description, token.location))
                let body = try parseBody(closedByBrace: true)
                open.removeLast()
                try expectEndOfItem(after: "the '}' of \(description)")
                return HCLBlock(type: type, labels: labels, body: body, location: start.location)
            default:
                let what = labels.isEmpty ? "'\(type)'" : "the labels of '\(type)'"
                throw error(token, "expected '=' or '{' after \(what), found \(token.described)")
            }
        }
    }

    /// After an attribute or a block: a newline, the end of the file, or the '}' of a one-line block.
    private mutating func expectEndOfItem(after what: String) throws {
        let token = current
        switch token.kind {
        case .newline: _ = advance()
        case .eof, .punct("}"): break
        default: throw error(token, "expected a new line after \(what), found \(token.described)")
        }
    }

    // MARK: Expressions

    /// A full expression; literals and collections stay structured, anything else becomes its source text.
    private mutating func parseExpression() throws -> HCLValue {
        let first = current
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error(first, "expression nested more than \(Self.maxDepth) levels deep") }
        var value = try parseBinary()
        if current.isPunct("?") {
            _ = advance()
            _ = try parseExpression()
            skipNewlines()
            guard current.isPunct(":") else {
                throw error(current, "expected ':' in conditional expression, found \(current.described)")
            }
            _ = advance()
            _ = try parseExpression()
            value = .expression(text(from: first, to: tokens[pos - 1]))
        }
        return value
    }

    private static let binaryOperators: Set<String> = ["==", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%"]

    private mutating func parseBinary() throws -> HCLValue {
        let first = current
        var value = try parseUnary()
        while case .punct(let op) = current.kind, Self.binaryOperators.contains(op) {
            _ = advance()
            skipNewlines()
            _ = try parseUnary()
            value = .expression(text(from: first, to: tokens[pos - 1]))
        }
        return value
    }

    private mutating func parseUnary() throws -> HCLValue {
        let first = current
        var operators = 0
        while current.isPunct("-") || current.isPunct("!") {
            _ = advance()
            operators += 1
        }
        let operand = try parsePostfix()
        if operators == 0 { return operand }
        if operators == 1, first.isPunct("-"), case .number(let n) = operand { return .number(-n) }
        return .expression(text(from: first, to: tokens[pos - 1]))
    }

    /// An operand followed by traversals: `.name`, `.0`, `.*`, `[index]`, `[*]`.
    private mutating func parsePostfix() throws -> HCLValue {
        let first = current
        var value = try parsePrimary()
        var traversed = false
        while true {
            if current.isPunct(".") {
                _ = advance()
                let token = advance()
                switch token.kind {
                case .identifier, .number, .punct("*"): traversed = true
                default: throw error(token, "expected an attribute name after '.', found \(token.described)")
                }
            } else if current.isPunct("[") {
                _ = advance()
                skipNewlines()
                if current.isPunct("*") { _ = advance() } else { _ = try parseExpression() }
                skipNewlines()
                guard current.isPunct("]") else { throw error(current, "expected ']', found \(current.described)") }
                _ = advance()
                traversed = true
            } else {
                break
            }
        }
        if traversed { value = .expression(text(from: first, to: tokens[pos - 1])) }
        return value
    }

    private mutating func parsePrimary() throws -> HCLValue {
        let token = advance()
        switch token.kind {
        case .number(let n): return .number(n)
        case .string(let v): return v
        case .identifier(let name):
            switch name {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
            if current.isPunct("(") {  // function call
                _ = advance()
                try parseSequence(closing: ")") { parser in
                    _ = try parser.parseExpression()
                    if parser.current.isPunct("...") { _ = parser.advance() }
                }
                return .expression(text(from: token, to: tokens[pos - 1]))
            }
            return .expression(name)
        case .punct("("):
            skipNewlines()
            _ = try parseExpression()
            skipNewlines()
            guard current.isPunct(")") else { throw error(current, "expected ')', found \(current.described)") }
            _ = advance()
            return .expression(text(from: token, to: tokens[pos - 1]))
        case .punct("["):
            skipNewlines()
            if current.kind == .identifier("for") {
                try skipBalanced(opener: token, closing: "]")
                return .expression(text(from: token, to: tokens[pos - 1]))
            }
            var items: [HCLValue] = []
            try parseSequence(closing: "]") { parser in items.append(try parser.parseExpression()) }
            return .list(items)
        case .punct("{"):
            skipNewlines()
            if current.kind == .identifier("for") {
                try skipBalanced(opener: token, closing: "}")
                return .expression(text(from: token, to: tokens[pos - 1]))
            }
            return .object(try parseObjectItems(opener: token))
        case .eof, .newline:
            throw error(token, "expected a value, found \(token.described)")
        default:
            throw error(token, "expected a value, found \(token.described)")
        }
    }

    /// Comma-separated items up to `closing`; newlines and a trailing comma allowed.
    private mutating func parseSequence(closing: String, item: (inout HCLParser) throws -> Void) throws {
        while true {
            skipNewlines()
            if current.isPunct(closing) { _ = advance(); return }
            if current.kind == .eof { throw error(current, "expected '\(closing)', found end of file") }
            try item(&self)
            skipNewlines()
            if current.isPunct(",") { _ = advance(); continue }
            guard current.isPunct(closing) else {
                throw error(current, "expected ',' or '\(closing)', found \(current.described)")
            }
        }
    }

    /// `key = value` or `key: value` items separated by newlines or commas, up to `}`.
    private mutating func parseObjectItems(opener: HCLToken) throws -> [HCLObjectItem] {
        var items: [HCLObjectItem] = []
        while true {
            skipNewlines()
            let keyToken = current
            let key: String
            switch keyToken.kind {
            case .punct("}"):
                _ = advance()
                return items
            case .eof:
                throw InputError(file: file, at: opener.location,
                                           "missing '}': the object opened here is not closed by the end of the file")
            case .identifier(let name): key = name; _ = advance()
            case .string(.string(let name)): key = name; _ = advance()
            case .number:
                key = text(from: keyToken, to: keyToken)
                _ = advance()
            case .punct("("), .string(.template):
                _ = try parsePostfix()
                key = text(from: keyToken, to: tokens[pos - 1])
            default:
                throw error(keyToken, "expected an object key, found \(keyToken.described)")
            }
            guard current.isPunct("=") || current.isPunct(":") else {
                throw error(current, "expected '=' or ':' after object key '\(key)', found \(current.described)")
            }
            _ = advance()
            skipNewlines()
            let value = try parseExpression()
            items.append(HCLObjectItem(key: key, value: value, location: keyToken.location))
            if current.isPunct(",") { _ = advance(); continue }
            if current.kind == .newline || current.isPunct("}") { continue }
            throw error(current, "expected ',', a new line or '}' after the value of '\(key)', found \(current.described)")
        }
    }

    /// Skips to the `closing` bracket matching `opener` (already consumed), for `for` expressions.
    private mutating func skipBalanced(opener: HCLToken, closing: String) throws {
        var stack: [String] = [closing]
        let pairs = ["(": ")", "[": "]", "{": "}"]
        while !stack.isEmpty {
            let token = advance()
            switch token.kind {
            case .eof:
                throw InputError(file: file, at: opener.location,
                                           "missing '\(closing)': the expression opened here is not closed")
            case .punct(let p):
                if let close = pairs[p] {
                    stack.append(close)
                } else if [")", "]", "}"].contains(p) {
                    guard p == stack.last else { throw error(token, "unexpected '\(p)', expected '\(stack.last ?? closing)'") }
                    stack.removeLast()
                }
            default: break
            }
        }
    }
}

extension HCLBody {
    /// Parses a Terraform file (the subset ``HCLParser`` reads); throws ``InputError`` with
    /// `file:line:column`.
    public init(parsing text: String, file: String) throws {
        self = try HCLParser.parse(text, file: file)
    }
}
