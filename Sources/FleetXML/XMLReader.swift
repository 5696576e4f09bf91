/// A strict reader of the XML that AWS Query-protocol APIs answer with, in pure Swift: a prolog,
/// elements with attributes, text with the five predefined entities and character references,
/// CDATA sections, comments and processing instructions. It refuses what AWS never sends and what
/// would make reading costly: a DOCTYPE (so no entity definitions and no expansion), nesting deeper
/// than ``maxDepth``, anything but one root element.
///
/// Why not Foundation's `XMLParser`: it traps on an element name that is not valid UTF-8, and it
/// keeps about 110 KB for ever per parse of a malformed document (fuzzing found both; 10,000 parses
/// of one input held 1.1 GB). This reader holds nothing beyond the tree it returns.
///
/// The rules are XML 1.0's (https://www.w3.org/TR/xml/) for the parts above, checked as far as
/// an answer could break them: tags balance, names are names, attributes are `name="value"` or
/// `name='value'` and not repeated, `&` starts a known reference, `<` never appears in text, and
/// `]]>` never appears in text.
struct XMLReader {
    /// Deepest nesting read. AWS answers nest fewer than 12 levels; the tree's recursive lookups stay
    /// far from the stack's limit.
    static let maxDepth = 256

    private let b: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { b = bytes }

    /// The document's root element, or nil when the bytes are not a well-formed document of this subset.
    mutating func document() -> XMLTree? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }  // a UTF-8 byte order mark
        guard miscellany() else { return nil }
        guard peek(UInt8(ascii: "<")), let root = element(depth: 1) else { return nil }
        guard miscellany(), i == b.count else { return nil }
        return root
    }

    // MARK: between elements

    /// Whitespace, comments and processing instructions (the `<?xml …?>` declaration among them);
    /// stops before anything else. False on a malformed comment or instruction, or a DOCTYPE.
    private mutating func miscellany() -> Bool {
        while true {
            skipSpace()
            if starts("<!--") {
                guard comment() else { return false }
            } else if starts("<?") {
                guard instruction() else { return false }
            } else if starts("<!") {
                return false  // DOCTYPE (or a CDATA section outside the root)
            } else {
                return true
            }
        }
    }

    private mutating func comment() -> Bool {
        i += 4
        guard let end = find("--", from: i) else { return false }
        i = end + 2
        return eat(UInt8(ascii: ">"))  // `--` may only end a comment
    }

    private mutating func instruction() -> Bool {
        i += 2
        guard name() != nil, let end = find("?>", from: i) else { return false }
        i = end + 2
        return true
    }

    // MARK: elements

    private mutating func element(depth: Int) -> XMLTree? {
        guard depth <= Self.maxDepth, eat(UInt8(ascii: "<")), let qualified = name() else { return nil }
        let node = XMLTree(name: Self.localName(qualified))
        guard attributes() else { return nil }
        if eat(UInt8(ascii: "/")) { return eat(UInt8(ascii: ">")) ? node : nil }
        guard eat(UInt8(ascii: ">")) else { return nil }

        var text: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if starts("</") {
                    i += 2
                    guard let closing = name(), closing == qualified else { return nil }
                    skipSpace()
                    guard eat(UInt8(ascii: ">")) else { return nil }
                    guard let t = String(validating: text, as: UTF8.self) else { return nil }
                    node.text = t
                    return node
                } else if starts("<!--") {
                    guard comment() else { return nil }
                } else if starts("<![CDATA[") {
                    i += 9
                    guard let end = find("]]>", from: i) else { return nil }
                    text.append(contentsOf: b[i..<end])
                    i = end + 3
                } else if starts("<?") {
                    guard instruction() else { return nil }
                } else if starts("<!") {
                    return nil
                } else {
                    guard let child = element(depth: depth + 1) else { return nil }
                    node.children.append(child)
                }
            } else if c == UInt8(ascii: "&") {
                guard reference(into: &text) else { return nil }
            } else {
                guard Self.isCharacter(c) else { return nil }
                if c == UInt8(ascii: ">"), i >= 2, b[i - 1] == UInt8(ascii: "]"), b[i - 2] == UInt8(ascii: "]") { return nil }
                text.append(c)
                i += 1
            }
        }
        return nil  // the document ended inside the element
    }

    /// `name="value"` pairs up to `>` or `/>`; values are checked (entities, no `<`) and dropped:
    /// AWS answers carry nothing in attributes that is read (`xmlns` only).
    private mutating func attributes() -> Bool {
        var seen: [[UInt8]] = []
        while true {
            let spaced = skipSpace()
            if peek(UInt8(ascii: ">")) || peek(UInt8(ascii: "/")) { return true }
            guard spaced, let attribute = name() else { return false }
            guard !seen.contains(attribute) else { return false }
            seen.append(attribute)
            skipSpace()
            guard eat(UInt8(ascii: "=")) else { return false }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { return false }
            let quote = b[i]
            i += 1
            var ignored: [UInt8] = []
            while true {
                guard i < b.count else { return false }
                let c = b[i]
                if c == quote { i += 1; break }
                if c == UInt8(ascii: "<") || !Self.isCharacter(c) { return false }
                if c == UInt8(ascii: "&") {
                    guard reference(into: &ignored) else { return false }
                } else {
                    i += 1
                }
            }
        }
    }

    /// `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;`, `&#N;` or `&#xH;`, appended as UTF-8.
    private mutating func reference(into out: inout [UInt8]) -> Bool {
        i += 1
        guard let semicolon = b[i..<min(b.count, i + 12)].firstIndex(of: UInt8(ascii: ";")) else { return false }
        let body = b[i..<semicolon]
        i = semicolon + 1
        switch String(decoding: body, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        case let s where s.hasPrefix("#x"):
            guard s.count > 2, s.count <= 8, let v = UInt32(s.dropFirst(2), radix: 16) else { return false }
            return Self.appendScalar(v, to: &out)
        case let s where s.hasPrefix("#"):
            guard s.count > 1, s.count <= 9, s.dropFirst().allSatisfy(\.isASCII), let v = UInt32(s.dropFirst()) else { return false }
            return Self.appendScalar(v, to: &out)
        default: return false
        }
        return true
    }

    /// A character XML allows (tab, LF, CR, or from U+0020, not a surrogate, not U+FFFE/U+FFFF).
    private static func appendScalar(_ v: UInt32, to out: inout [UInt8]) -> Bool {
        guard v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF),
              let scalar = Unicode.Scalar(v) else { return false }
        out.append(contentsOf: String(Character(scalar)).utf8)
        return true
    }

    // MARK: names and bytes

    /// A name: ASCII letters, `_` or `:` first (or any byte of a non-ASCII character), then also
    /// digits, `-` and `.`. Its bytes must be UTF-8 (checked with the text they end up in).
    private mutating func name() -> [UInt8]? {
        let start = i
        guard i < b.count, Self.isNameStart(b[i]) else { return nil }
        i += 1
        while i < b.count, Self.isNameStart(b[i]) || Self.isDigit(b[i]) || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ".") {
            i += 1
        }
        let bytes = Array(b[start..<i])
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        return bytes
    }

    /// A byte that may stand in text: not a C0 control other than tab, LF and CR (XML 1.0's `Char`).
    private static func isCharacter(_ c: UInt8) -> Bool { c >= 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// The name without its namespace prefix (`ns:Member` → `Member`).
    private static func localName(_ qualified: [UInt8]) -> String {
        let local = qualified.lastIndex(of: UInt8(ascii: ":")).map { qualified[($0 + 1)...] } ?? qualified[...]
        return String(decoding: local, as: UTF8.self)
    }

    /// Skips XML whitespace; true when there was some.
    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = i
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        return i > start
    }

    private func peek(_ c: UInt8) -> Bool { i < b.count && b[i] == c }

    private mutating func eat(_ c: UInt8) -> Bool {
        guard peek(c) else { return false }
        i += 1
        return true
    }

    private func starts(_ s: String) -> Bool {
        var j = i
        for c in s.utf8 {
            guard j < b.count, b[j] == c else { return false }
            j += 1
        }
        return true
    }

    /// Where `s` next occurs at or after `from`.
    private func find(_ s: String, from: Int) -> Int? {
        let pattern = Array(s.utf8)
        guard let first = pattern.first else { return from }
        var j = from
        while j + pattern.count <= b.count {
            if b[j] == first, b[j..<(j + pattern.count)].elementsEqual(pattern) { return j }
            j += 1
        }
        return nil
    }
}
