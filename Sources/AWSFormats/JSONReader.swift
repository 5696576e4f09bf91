import FleetCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull reader over JSON bytes, for the few fixed shapes the aws CLI prints.
///
/// Why not `JSONSerialization` or `JSONDecoder` (measured on 2 cores: Python and this reader with
/// `scripts/bench-json-decode.sh`, Foundation with a throwaway `swiftc -O` driver): on a
/// 49 MB get-metric-data file, all under the same load, Python's `json.load` took 1.27 s, this reader
/// 0.55 s (timestamps parsed, series sorted), `JSONSerialization` 5.1 s and `JSONDecoder` 3.9 s (without
/// even parsing timestamps); unloaded, on 62 MB: Python 0.5 s, `JSONSerialization` 2.3 s, `JSONDecoder`
/// 1.2 s. This reader builds no tree: decoders walk the document and keep only the values they need, so
/// memory stays near the file's size (peak 1.5× the file, Python 3×), and it knows where it is, for
/// errors that name a JSON path or a byte offset (0-based).
///
/// Strict JSON (RFC 8259): no `NaN`, `Infinity`, comments or trailing commas; numbers that overflow a
/// Double (`1e999`) are refused. Nesting deeper than `maxDepth` is refused, and skipping unknown values
/// is iterative, so no input can exhaust the stack.
struct JSONReader {
    static let maxDepth = 512

    let p: UnsafeBufferPointer<UInt8>
    let file: String
    var i = 0
    /// Shown before the path, e.g. `document 2: ` for concatenated documents.
    var prefix = ""
    private var path: [PathItem] = []

    private struct PathItem {
        var key: String?
        var index: Int
        var first: Bool
    }

    init(_ p: UnsafeBufferPointer<UInt8>, file: String) {
        self.p = p
        self.file = file
    }

    // MARK: - errors

    /// `MetricDataResults[2].Values`, or `(top level)`.
    var pathString: String {
        var s = prefix
        for item in path where item.index >= 0 || item.key != nil {
            if let key = item.key {
                if !s.isEmpty && !s.hasSuffix(": ") { s += "." }
                s += key
            } else {
                s += "[\(item.index)]"
            }
        }
        if s.hasSuffix(": ") { s.removeLast(2) }
        return s.isEmpty ? "(top level)" : s
    }

    func syntaxError(_ message: String, at offset: Int? = nil) -> InputError {
        InputError(file: file, byteOffset: offset ?? i, message: message)
    }

    /// An error about the value at the current path.
    func error(_ message: String) -> InputError {
        InputError(file: file, path: pathString, message: message)
    }

    /// The value here is not what the shape needs: a path error when it is some other JSON value, a
    /// syntax error (`byte N`) at the end of the input or at a byte that starts no JSON value.
    func typeError(expected: String) -> InputError {
        guard i < p.count else { return syntaxError("unexpected end of JSON (expected \(expected))") }
        guard startsValue(p[i]) else { return syntaxError("unexpected '\(printable(p[i]))' (expected \(expected))") }
        return error("expected \(expected), found \(foundHere) at byte \(i)")
    }

    private func startsValue(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "t"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }

    private var foundHere: String {
        guard i < p.count else { return "end of JSON" }
        switch p[i] {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        default: return "'\(printable(p[i]))'"
        }
    }

    private func printable(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : String(format: "\\x%02X", b)
    }

    /// A syntax error for an unexpected byte (or the end) at the current position.
    private func unexpected(_ wanted: String) -> InputError {
        guard i < p.count else { return syntaxError("unexpected end of JSON (expected \(wanted))") }
        return syntaxError("unexpected '\(printable(p[i]))' (expected \(wanted))")
    }

    // MARK: - whitespace and structure

    @inline(__always) mutating func skipWhitespace() {
        while i < p.count {
            let b = p[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    /// True when only whitespace is left.
    mutating func atEnd() -> Bool {
        skipWhitespace()
        return i >= p.count
    }

    mutating func peek() -> UInt8? {
        skipWhitespace()
        return i < p.count ? p[i] : nil
    }

    mutating func beginObject() throws(InputError) {
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: "{") else {
            if i >= p.count { throw syntaxError("unexpected end of JSON") }
            throw typeError(expected: "an object")
        }
        guard path.count < Self.maxDepth else { throw syntaxError("nested deeper than \(Self.maxDepth) levels") }
        i += 1
        path.append(PathItem(key: nil, index: -1, first: true))
    }

    /// The next key of the object begun last, or nil at its `}` (which ends it).
    mutating func nextKey() throws(InputError) -> String? {
        skipWhitespace()
        guard i < p.count else { throw unexpected("'}' or a key") }
        if p[i] == UInt8(ascii: "}") {
            i += 1
            path.removeLast()
            return nil
        }
        if path[path.count - 1].first {
            path[path.count - 1].first = false
        } else {
            guard p[i] == UInt8(ascii: ",") else { throw unexpected("',' or '}'") }
            i += 1
            skipWhitespace()
        }
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw unexpected("a key in double quotes") }
        let key = try scanString()
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: ":") else { throw unexpected("':'") }
        i += 1
        path[path.count - 1].key = key
        return key
    }

    mutating func beginArray() throws(InputError) {
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: "[") else {
            if i >= p.count { throw syntaxError("unexpected end of JSON") }
            throw typeError(expected: "an array")
        }
        guard path.count < Self.maxDepth else { throw syntaxError("nested deeper than \(Self.maxDepth) levels") }
        i += 1
        path.append(PathItem(key: nil, index: -1, first: true))
    }

    /// Moves to the next element of the array begun last: false at its `]` (which ends it).
    mutating func nextElement() throws(InputError) -> Bool {
        skipWhitespace()
        guard i < p.count else { throw unexpected("']' or a value") }
        if p[i] == UInt8(ascii: "]") {
            i += 1
            path.removeLast()
            return false
        }
        if path[path.count - 1].first {
            path[path.count - 1].first = false
        } else {
            guard p[i] == UInt8(ascii: ",") else { throw unexpected("',' or ']'") }
            i += 1
            skipWhitespace()
        }
        path[path.count - 1].index += 1
        return true
    }

    /// Index of the current array element (for messages).
    var currentIndex: Int { path.last?.index ?? 0 }

    // MARK: - scalars

    /// Consumes `null` if it is next.
    mutating func skipNull() throws(InputError) -> Bool {
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func readString() throws(InputError) -> String {
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw typeError(expected: "a string") }
        return try scanString()
    }

    mutating func readOptionalString() throws(InputError) -> String? {
        try skipNull() ? nil : readString()
    }

    mutating func readBool() throws(InputError) -> Bool {
        skipWhitespace()
        guard i < p.count else { throw typeError(expected: "true or false") }
        if p[i] == UInt8(ascii: "t") { try literal("true"); return true }
        if p[i] == UInt8(ascii: "f") { try literal("false"); return false }
        throw typeError(expected: "true or false")
    }

    mutating func readNumber() throws(InputError) -> Double {
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: "-") || (p[i] &- 0x30) < 10 else {
            if i < p.count, p[i] == UInt8(ascii: "N") || p[i] == UInt8(ascii: "I") {
                throw syntaxError("NaN and Infinity are not JSON numbers")
            }
            throw typeError(expected: "a number")
        }
        return try scanNumber()
    }

    mutating func readInt() throws(InputError) -> Int {
        let start = i
        let d = try readNumber()
        guard d == d.rounded(), abs(d) < 9e15 else {
            throw error("expected a whole number, found \(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return Int(d)
    }

    /// A whole number within `range` (AWS's documented bounds for the field), else an error naming them.
    mutating func readInt(in range: ClosedRange<Int>) throws(InputError) -> Int {
        let v = try readInt()
        guard range.contains(v) else { throw error("expected a number from \(range.lowerBound) to \(range.upperBound), found \(v)") }
        return v
    }

    /// A timestamp as the CLI prints it: epoch seconds (a number) or ISO 8601 text.
    mutating func readTimestamp() throws(InputError) -> Date {
        skipWhitespace()
        guard i < p.count else { throw typeError(expected: "a timestamp") }
        if p[i] == UInt8(ascii: "\"") {
            let start = i + 1
            try skipString()
            let end = i - 1
            guard let t = ISOTimestamp.parse(UnsafeBufferPointer(rebasing: p[start..<end])) else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<min(end, start + 60)]), as: UTF8.self)
                throw error("not a timestamp: \"\(text)\"")
            }
            guard Ceilings.isTimestamp(t) else { throw error(Ceilings.timestampError(t)) }
            return Date(timeIntervalSince1970: t)
        }
        guard p[i] == UInt8(ascii: "-") || (p[i] &- 0x30) < 10 else { throw typeError(expected: "a timestamp") }
        let t = try scanNumber()
        // Refused, not kept: 1e300 would make a series vanish from every chart without a word.
        guard Ceilings.isTimestamp(t) else { throw error(Ceilings.timestampError(t)) }
        return Date(timeIntervalSince1970: t)
    }

    mutating func readNumberArray() throws(InputError) -> [Double] {
        try beginArray()
        var out: [Double] = []
        while try nextElement() { out.append(try readNumber()) }
        return out
    }

    mutating func readTimestampArray() throws(InputError) -> [Date] {
        try beginArray()
        var out: [Date] = []
        while try nextElement() { out.append(try readTimestamp()) }
        return out
    }

    mutating func readStringArray() throws(InputError) -> [String] {
        try beginArray()
        var out: [String] = []
        while try nextElement() { out.append(try readString()) }
        return out
    }

    private mutating func literal(_ word: StaticString) throws(InputError) {
        let n = word.utf8CodeUnitCount
        let start = i
        var k = 0
        while k < n {
            guard i + k < p.count, p[i + k] == word.utf8Start[k] else {
                i = start + k
                throw unexpected("'\(word)'")
            }
            k += 1
        }
        i += n
    }

    // MARK: - skipping

    /// Skips one value of any shape, iteratively (no recursion), within `maxDepth`.
    mutating func skipValue() throws(InputError) {
        var depth = 0
        var expectValue = true
        // Each level: whether it is an object (keys) and whether an element was seen.
        var isObject: [Bool] = []
        while true {
            skipWhitespace()
            guard i < p.count else { throw unexpected(expectValue ? "a value" : "',' or a closing bracket") }
            if expectValue {
                switch p[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard depth + path.count < Self.maxDepth else {
                        throw syntaxError("nested deeper than \(Self.maxDepth) levels")
                    }
                    let obj = p[i] == UInt8(ascii: "{")
                    i += 1
                    depth += 1
                    isObject.append(obj)
                    skipWhitespace()
                    if i < p.count, p[i] == (obj ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        depth -= 1
                        isObject.removeLast()
                        expectValue = false
                    } else if obj {
                        try skipKey()
                    }
                    if depth == 0 { return }
                    continue
                case UInt8(ascii: "\""): try skipString()
                case UInt8(ascii: "t"): try literal("true")
                case UInt8(ascii: "f"): try literal("false")
                case UInt8(ascii: "n"): try literal("null")
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
                case UInt8(ascii: "N"), UInt8(ascii: "I"): throw syntaxError("NaN and Infinity are not JSON numbers")
                default: throw unexpected("a value")
                }
                if depth == 0 { return }
                expectValue = false
            } else {
                let obj = isObject[depth - 1]
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    if obj { try skipKey() }
                    expectValue = true
                } else if p[i] == (obj ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                    depth -= 1
                    isObject.removeLast()
                    if depth == 0 { return }
                } else {
                    throw unexpected(obj ? "',' or '}'" : "',' or ']'")
                }
            }
        }
    }

    private mutating func skipKey() throws(InputError) {
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw unexpected("a key in double quotes") }
        try skipString()
        skipWhitespace()
        guard i < p.count, p[i] == UInt8(ascii: ":") else { throw unexpected("':'") }
        i += 1
    }

    // MARK: - strings

    /// Skips a string starting at the opening quote, validating escapes and control characters.
    mutating func skipString() throws(InputError) {
        let open = i
        i += 1
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            if b == UInt8(ascii: "\\") {
                var discard: [UInt8]? = nil
                try scanEscape(&discard)
                continue
            }
            if b < 0x20 { throw syntaxError("control character in a string") }
            i += 1
        }
        throw syntaxError("unexpected end of JSON in a string that starts at byte \(open)")
    }

    /// Reads a string starting at the opening quote.
    private mutating func scanString() throws(InputError) -> String {
        let open = i
        i += 1
        let start = i
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: p[start..<(i - 1)]), as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw syntaxError("control character in a string") }
            i += 1
        }
        guard i < p.count else { throw syntaxError("unexpected end of JSON in a string that starts at byte \(open)") }
        // Escapes: the slow path.
        var bytes: [UInt8]? = Array(p[start..<i])
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes ?? [], as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                try scanEscape(&bytes)
                continue
            }
            if b < 0x20 { throw syntaxError("control character in a string") }
            bytes?.append(b)
            i += 1
        }
        throw syntaxError("unexpected end of JSON in a string that starts at byte \(open)")
    }

    /// Reads the escape at `i` (a backslash), appending its UTF-8 to `out` unless `out` is nil.
    private mutating func scanEscape(_ out: inout [UInt8]?) throws(InputError) {
        // i is at the backslash.
        guard i + 1 < p.count else { throw syntaxError("unexpected end of JSON in an escape") }
        let c = p[i + 1]
        var byte: UInt8?
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte = c
        case UInt8(ascii: "b"): byte = 0x08
        case UInt8(ascii: "f"): byte = 0x0C
        case UInt8(ascii: "n"): byte = 0x0A
        case UInt8(ascii: "r"): byte = 0x0D
        case UInt8(ascii: "t"): byte = 0x09
        case UInt8(ascii: "u"):
            var code = try hex4(at: i + 2)
            i += 6
            if (0xD800..<0xDC00).contains(code), i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                let low = try hex4(at: i + 2)
                if (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
            }
            if out != nil {
                let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
                out?.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            return
        default:
            throw syntaxError("invalid escape '\\\(printable(c))' in a string")
        }
        if let byte { out?.append(byte) }
        i += 2
    }

    private func hex4(at j: Int) throws(InputError) -> UInt32 {
        guard j + 4 <= p.count else { throw syntaxError("unexpected end of JSON in a \\u escape", at: j) }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = p[j + k]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - 0x57
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - 0x37
            default: throw syntaxError("invalid \\u escape", at: j + k)
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    // MARK: - numbers

    private static let powersOf10: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Scans a JSON number at `i`. Short mantissas take Clinger's exact fast path; others go to
    /// `strtod` (under the C locale, see `withCLocale`).
    @inline(__always)
    private mutating func scanNumber() throws(InputError) -> Double {
        let start = i
        let n = p.count
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < n, (p[i] &- 0x30) < 10 else {
            if i >= n { throw syntaxError("unexpected end of JSON in a number") }
            throw syntaxError("invalid number", at: start) }
        var mantissa: UInt64 = 0
        var exp10 = 0
        var exact = true
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < n, case let d = p[i] &- 0x30, d < 10 {
                if mantissa < 1_000_000_000_000_000_00 / 10 { mantissa = mantissa * 10 + UInt64(d) } else { exp10 += 1; exact = exact && d == 0 }
                i += 1
            }
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, (p[i] &- 0x30) < 10 else {
            if i >= n { throw syntaxError("unexpected end of JSON in a number") }
            throw syntaxError("invalid number (no digit after '.')", at: start) }
            while i < n, case let d = p[i] &- 0x30, d < 10 {
                if mantissa < 1_000_000_000_000_000_00 / 10 { mantissa = mantissa * 10 + UInt64(d); exp10 -= 1 } else { exact = exact && d == 0 }
                i += 1
            }
        }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { expNegative = p[i] == UInt8(ascii: "-"); i += 1 }
            guard i < n, (p[i] &- 0x30) < 10 else {
            if i >= n { throw syntaxError("unexpected end of JSON in a number") }
            throw syntaxError("invalid number (no digit in exponent)", at: start) }
            var e = 0
            while i < n, case let d = p[i] &- 0x30, d < 10 {
                if e < 100_000 { e = e * 10 + Int(d) }
                i += 1
            }
            exp10 += expNegative ? -e : e
        }
        if exact, mantissa <= 1 << 53, exp10 >= -22, exp10 <= 22 {
            var v = Double(mantissa)
            if exp10 < 0 { v /= Self.powersOf10[-exp10] } else if exp10 > 0 { v *= Self.powersOf10[exp10] }
            return negative ? -v : v
        }
        let len = i - start
        let v = withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf -> Double in
            for k in 0..<len { buf[k] = CChar(bitPattern: p[start + k]) }
            buf[len] = 0
            guard let base = buf.baseAddress else { return .nan }
            return strtod(base, nil)
        }
        guard v.isFinite else { throw syntaxError("number out of range", at: start) }
        return v
    }
}

/// Runs `body` with the C numeric locale for this thread (strtod reads `.` as the decimal point even
/// after the terminal UI has called `setlocale(LC_ALL, "")` in, say, a German locale).
func withCLocale<R>(_ body: () throws(InputError) -> R) throws(InputError) -> R {
    guard let c = CNumericLocale.handle else { return try body() }
    let old = uselocale(c)
    defer { uselocale(old) }
    return try body()
}

private enum CNumericLocale {
    nonisolated(unsafe) static let handle: locale_t? = newlocale(LC_NUMERIC_MASK, "C", nil)
}

/// Decodes a document with a reader over `bytes`, in the C numeric locale.
func withJSONReader<R>(_ bytes: [UInt8], file: String,
                       _ body: (inout JSONReader) throws(InputError) -> R) throws(InputError) -> R {
    try withCLocale { () throws(InputError) -> R in
        let result: Result<R, InputError> = bytes.withUnsafeBufferPointer { p in
            var reader = JSONReader(p, file: file)
            do throws(InputError) {
                return .success(try body(&reader))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
