import FleetCore

/// One token of HCL native syntax.
struct HCLToken: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case number(Double)
        /// A quoted string or a heredoc: `.string` when literal, `.template` with `${…}` / `%{…}` kept as text.
        case string(HCLValue)
        /// `{ } [ ] ( ) = , : . ? ! + - * / % < > == != <= >= && || => ...`
        case punct(String)
        case newline
        case eof
    }

    var kind: Kind
    var location: SourceLocation
    /// UTF-8 offsets of the token's text in the source.
    var start: Int
    var end: Int

    func isPunct(_ p: String) -> Bool { kind == .punct(p) }

    /// How the token reads in an error message.
    var described: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number(let n): "number \(HCLValue.number(n).literalText ?? "")"
        case .string(let v):
            switch v {
            case .string(let s), .template(let s): "string \(s.alarmQuoted(limit: 40))"
            default: "string"
            }
        case .punct(let p): "'\(p)'"
        case .newline: "end of line"
        case .eof: "end of file"
        }
    }
}

/// Splits HCL native syntax into tokens: the subset Terraform files use for resources, variables and
/// locals. Comments (`#`, `//`, `/* */`) are dropped; newlines are tokens because they end attributes.
struct HCLLexer {
    let bytes: [UInt8]
    let file: String
    private var i = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String, file: String) {
        self.bytes = Array(text.utf8)
        self.file = file
    }

    static func tokenize(_ text: String, file: String) throws -> [HCLToken] {
        var lexer = HCLLexer(text, file: file)
        var tokens: [HCLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        i + offset < bytes.count ? bytes[i + offset] : nil
    }

    /// The last column computed on the current line, so that a long line is counted once, not per token.
    private var columnMark = (line: 1, offset: 0, column: 1)

    /// The location of byte `i` on the current line; columns count Unicode scalars.
    private var here: SourceLocation {
        mutating get {
            if columnMark.line != line || columnMark.offset > i || columnMark.offset < lineStart {
                columnMark = (line, lineStart, 1)
            }
            var column = columnMark.column
            var k = columnMark.offset
            while k < i {
                if bytes[k] & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            columnMark = (line, i, column)
            return SourceLocation(line: line, column: column)
        }
    }

    private func error(_ at: SourceLocation, _ message: String) -> InputError {
        InputError(file: file, at: at, message)
    }

    private mutating func newline() {
        line += 1
        lineStart = i
    }

    mutating func next() throws -> HCLToken {
        // Whitespace and comments.
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C {
                i += 1
            } else if c == UInt8(ascii: "#") || (c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/")) {
                while let d = peek(), d != 0x0A { i += 1 }
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = here
                let startLine = line
                i += 2
                var closed = false
                while let d = peek() {
                    if d == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") { i += 2; closed = true; break }
                    i += 1
                    if d == 0x0A { newline() }
                }
                if !closed { throw error(start, "unterminated /* comment") }
                if line != startLine {
                    return HCLToken(kind: .newline, location: start, start: i, end: i)
                }
            } else {
                break
            }
        }
        let start = i
        let loc = here
        guard let c = peek() else { return HCLToken(kind: .eof, location: loc, start: i, end: i) }
        func token(_ kind: HCLToken.Kind) -> HCLToken { HCLToken(kind: kind, location: loc, start: start, end: i) }

        if c == 0x0A {
            i += 1
            newline()
            return token(.newline)
        }
        if Self.isIdentifierStart(c) {
            while let d = peek(), Self.isIdentifierPart(d) { i += 1 }
            return token(.identifier(String(decoding: bytes[start..<i], as: UTF8.self)))
        }
        if Self.isDigit(c) {
            while let d = peek(), Self.isDigit(d) { i += 1 }
            if peek() == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
                i += 1
                while let d = peek(), Self.isDigit(d) { i += 1 }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                var k = 1
                if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { k = 2 }
                if let d = peek(k), Self.isDigit(d) {
                    i += k
                    while let d = peek(), Self.isDigit(d) { i += 1 }
                }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw error(loc, "number \(text) is out of range") }
            return token(.number(value))
        }
        if c == UInt8(ascii: "\"") {
            return token(.string(try quotedString(openedAt: loc)))
        }
        if c == UInt8(ascii: "<") && peek(1) == UInt8(ascii: "<") {
            return token(.string(try heredoc(openedAt: loc)))
        }
        if let p = Self.punctuation(c, peek(1), peek(2)) {
            i += p.utf8.count
            return token(.punct(p))
        }
        let scalar = String(decoding: bytes[start..<min(start + Self.scalarLength(c), bytes.count)], as: UTF8.self)
        throw error(loc, "unexpected character \(scalar.alarmQuoted())")
    }

    /// The operator or bracket starting with `c` (then `d`, `e`), longest first; nil for other characters.
    private static func punctuation(_ c: UInt8, _ d: UInt8?, _ e: UInt8?) -> String? {
        switch (UnicodeScalar(c), d.map(UnicodeScalar.init)) {
        case (".", "."?) where e == UInt8(ascii: "."): return "..."
        case ("=", "="?): return "=="
        case ("!", "="?): return "!="
        case ("<", "="?): return "<="
        case (">", "="?): return ">="
        case ("&", "&"?): return "&&"
        case ("|", "|"?): return "||"
        case ("=", ">"?): return "=>"
        case ("{", _): return "{"
        case ("}", _): return "}"
        case ("[", _): return "["
        case ("]", _): return "]"
        case ("(", _): return "("
        case (")", _): return ")"
        case ("=", _): return "="
        case (",", _): return ","
        case (":", _): return ":"
        case (".", _): return "."
        case ("?", _): return "?"
        case ("!", _): return "!"
        case ("+", _): return "+"
        case ("-", _): return "-"
        case ("*", _): return "*"
        case ("/", _): return "/"
        case ("%", _): return "%"
        case ("<", _): return "<"
        case (">", _): return ">"
        default: return nil
        }
    }

    // MARK: Strings

    /// A `"…"` string: escapes decoded, `${…}` and `%{…}` kept verbatim (their nested strings and
    /// braces skipped), `$${` and `%%{` unescaped. A newline outside an interpolation ends it in error.
    private mutating func quotedString(openedAt loc: SourceLocation) throws -> HCLValue {
        i += 1  // opening quote
        var out: [UInt8] = []
        var isTemplate = false
        while true {
            guard let c = peek(), c != 0x0A else {
                throw error(loc, "unterminated string: no closing '\"' before the end of the \(peek() == nil ? "file" : "line")")
            }
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                let text = String(decoding: out, as: UTF8.self)
                return isTemplate ? .template(text) : .string(text)
            case UInt8(ascii: "\\"):
                let escapeLoc = here
                guard let e = peek(1) else {
                    throw error(loc, "unterminated string: no closing '\"' before the end of the file")
                }
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = e == UInt8(ascii: "u") ? 4 : 8
                    guard i + count <= bytes.count,
                          let value = UInt32(String(decoding: bytes[i..<(i + count)], as: UTF8.self), radix: 16),
                          let scalar = UnicodeScalar(value) else {
                        throw error(escapeLoc, "invalid unicode escape in string: expected \(count) hex digits")
                    }
                    i += count
                    out.append(contentsOf: Array(String(scalar).utf8))
                default:
                    let shown = String(decoding: [UInt8(ascii: "\\"), e], as: UTF8.self)
                    throw error(escapeLoc, "invalid escape \(shown.alarmQuoted()) in string")
                }
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                if peek(1) == c && peek(2) == UInt8(ascii: "{") {  // $${ and %%{ are literal
                    out.append(c)
                    out.append(UInt8(ascii: "{"))
                    i += 3
                } else if peek(1) == UInt8(ascii: "{") {
                    let from = i
                    try skipInterpolation(openedAt: here)
                    out.append(contentsOf: bytes[from..<i])
                    isTemplate = true
                } else {
                    out.append(c)
                    i += 1
                }
            default:
                out.append(c)
                i += 1
            }
        }
    }

    /// Skips `${ … }` (at `${`), nested braces and quoted strings included.
    private mutating func skipInterpolation(openedAt loc: SourceLocation) throws {
        i += 2
        var depth = 1
        while let c = peek() {
            switch c {
            case UInt8(ascii: "{"): depth += 1; i += 1
            case UInt8(ascii: "}"):
                depth -= 1
                i += 1
                if depth == 0 { return }
            case UInt8(ascii: "\""):
                do {
                    _ = try quotedString(openedAt: here)
                } catch {
                    throw self.error(loc, "unterminated interpolation: no closing '}' for '${'")
                }
            case 0x0A:
                i += 1
                newline()
            default: i += 1
            }
        }
        throw error(loc, "unterminated interpolation: no closing '}' for '${'")
    }

    /// `<<EOF` / `<<-EOF` up to a line holding only the marker. `<<-` removes the indentation common to
    /// all non-blank lines. No escapes in heredocs; `${…}` makes it a template.
    private mutating func heredoc(openedAt loc: SourceLocation) throws -> HCLValue {
        i += 2
        var indented = false
        if peek() == UInt8(ascii: "-") { indented = true; i += 1 }
        let markerStart = i
        while let d = peek(), Self.isIdentifierPart(d) { i += 1 }
        guard i > markerStart, Self.isIdentifierStart(bytes[markerStart]) else {
            throw error(loc, "expected a heredoc marker like <<EOF or <<-EOF")
        }
        let marker = Array(bytes[markerStart..<i])
        while let d = peek(), d == 0x20 || d == 0x09 || d == 0x0D { i += 1 }
        guard peek() == 0x0A else { throw error(here, "expected a new line after the heredoc marker") }
        i += 1
        newline()
        var lines: [ArraySlice<UInt8>] = []
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var content = bytes[i..<end]
            if content.last == 0x0D { content = content.dropLast() }
            let trimmed = content.drop { $0 == 0x20 || $0 == 0x09 }
            if Array(trimmed) == marker {
                i = end  // the newline after the marker ends the attribute
                return Self.heredocValue(lines, indented: indented)
            }
            i = min(end + 1, bytes.count)
            if end < bytes.count { newline() }
            lines.append(content)
        }
        throw error(loc, "unterminated heredoc: no line with only \(String(decoding: marker, as: UTF8.self)) ends it")
    }

    private static func heredocValue(_ lines: [ArraySlice<UInt8>], indented: Bool) -> HCLValue {
        var lines = lines
        if indented {
            let indents = lines.filter { $0.contains { $0 != 0x20 && $0 != 0x09 } }
                .map { $0.prefix { $0 == 0x20 || $0 == 0x09 }.count }
            let strip = indents.min() ?? 0
            lines = lines.map { $0.dropFirst(min(strip, $0.prefix { $0 == 0x20 || $0 == 0x09 }.count)) }
        }
        var out: [UInt8] = []
        for l in lines {
            out.append(contentsOf: l)
            out.append(0x0A)
        }
        let text = String(decoding: out, as: UTF8.self)
        let isTemplate = text.contains("${") || text.contains("%{")
        return isTemplate ? .template(text) : .string(text)
    }

    // MARK: Characters

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c >= 0x80
    }

    static func isIdentifierPart(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c == UInt8(ascii: "-")
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }
}
