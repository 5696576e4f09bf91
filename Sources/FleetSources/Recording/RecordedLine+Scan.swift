import FleetCore
import Foundation

extension RecordedLine {
    /// Decodes one line: ``RecordedLineScanner`` for the shapes fleetwatch writes, `JSONDecoder` (the
    /// format's definition, ``RecordedLine``'s `Codable`) for anything else and for every error, so what a
    /// line means and how a bad one is reported are the same either way.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, decoder: JSONDecoder) throws -> RecordedLine {
        if let line = RecordedLineScanner.line(bytes, decoder: decoder) { return line }
        return try decoder.decode(RecordedLine.self, from: Data(bytes))
    }
}

/// A fast reader of the update lines fleetwatch writes (`JSONDecoder` spends ~600 instructions a byte on
/// them, most in the `[[t, v]]` point pairs): strict JSON, exactly the keys ``RecordedLine`` has, points,
/// instances and statuses read here, the rarer alarms, targets, events and series keys handed to
/// `JSONDecoder` as their own small documents. It gives up (nil) at anything it is not sure of — an
/// escape in a string, an unknown or repeated key, `null` where a value is required, a number outside
/// a Double or a timestamp outside ``Ceilings/timestamps``, an enum value it does not know — and the
/// caller decodes the line with `JSONDecoder` instead: a line read here is what `JSONDecoder` reads.
struct RecordedLineScanner {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    static func line(_ bytes: UnsafeBufferPointer<UInt8>, decoder: JSONDecoder) -> RecordedLine? {
        var s = RecordedLineScanner(p: bytes)
        guard let line = s.recordedLine(decoder: decoder) else { return nil }
        s.space()
        return s.i == s.p.count ? line : nil
    }

    // MARK: - the line's shapes

    // The coding keys of ``RecordedLine``, its batches, ``Instance`` and ``SourceStatus``.
    static let lineKeys = ["t", "fleet", "src", "time", "answered", "metrics", "instances", "status", "alarms", "targets", "events"]
    static let batchKeys = ["id", "key", "unit", "period", "points"]
    static let instanceKeys = ["id", "zone", "lifecycle", "health", "reason", "cpu", "latency"]
    static let statusKeys = ["name", "detail", "health", "lastSuccess", "newestData", "lastError"]

    mutating func recordedLine(decoder: JSONDecoder) -> RecordedLine? {
        var line = RecordedLine()
        let ok = object(keys: Self.lineKeys) { key, s in
            switch key {
            case "t": return s.optional(&line.t) { $0.date() }
            case "fleet": return s.optional(&line.fleet) { $0.int() }
            case "src": return s.optional(&line.src) { $0.string() }
            case "time": return s.optional(&line.time) { $0.date() }
            case "answered": return s.optional(&line.answered) { $0.bool() }
            case "metrics": return s.optional(&line.metrics) { s in s.array { $0.batch(decoder: decoder) } }
            case "instances": return s.optional(&line.instances) { s in s.array { $0.instance() } }
            case "status": return s.optional(&line.status) { $0.status() }
            case "alarms": return s.optional(&line.alarms) { $0.decoded([AlarmStatus].self, decoder: decoder) }
            case "targets": return s.optional(&line.targets) { $0.decoded([TargetLine].self, decoder: decoder) }
            case "events": return s.optional(&line.events) { $0.decoded([FleetEvent].self, decoder: decoder) }
            default: return false
            }
        }
        return ok ? line : nil
    }

    mutating func batch(decoder: JSONDecoder) -> RecordedLine.Batch? {
        var id: Int?, key: MetricKey?, unit: String?, period: Int?, points: [[Double]]?
        let ok = object(keys: Self.batchKeys) { name, s in
            switch name {
            case "id": id = s.int(); return id != nil
            case "key": return s.optional(&key) { $0.decoded(MetricKey.self, decoder: decoder) }
            case "unit": return s.optional(&unit) { $0.string() }
            case "period": return s.optional(&period) { $0.int() }
            case "points": points = s.array { s in s.array { $0.number() } }; return points != nil
            default: return false
            }
        }
        guard ok, let id, let points else { return nil }
        return RecordedLine.Batch(id: id, key: key, unit: unit, period: period, points: points)
    }

    mutating func instance() -> Instance? {
        var id: String?, zone: String?, lifecycle: LifecycleState?, health: TargetHealth?
        var reason: String?, cpu: Double?, latency: Double?
        let ok = object(keys: Self.instanceKeys) { name, s in
            switch name {
            case "id": id = s.string(); return id != nil
            case "zone": zone = s.string(); return zone != nil
            case "lifecycle": lifecycle = s.string().flatMap(LifecycleState.init(rawValue:)); return lifecycle != nil
            case "health": health = s.string().flatMap(TargetHealth.init(rawValue:)); return health != nil
            case "reason": return s.optional(&reason) { $0.string() }
            case "cpu": return s.optional(&cpu) { $0.number() }
            case "latency": return s.optional(&latency) { $0.number() }
            default: return false
            }
        }
        guard ok, let id, let zone, let lifecycle, let health else { return nil }
        return Instance(id: id, zone: zone, lifecycle: lifecycle, health: health, reason: reason, cpu: cpu, latency: latency)
    }

    mutating func status() -> SourceStatus? {
        var name: String?, detail: String?, health: SourceStatus.Health?
        var lastSuccess: Date?, newestData: Date?, lastError: String?
        let ok = object(keys: Self.statusKeys) { key, s in
            switch key {
            case "name": name = s.string(); return name != nil
            case "detail": detail = s.string(); return detail != nil
            case "health": health = s.string().flatMap(SourceStatus.Health.init(rawValue:)); return health != nil
            case "lastSuccess": return s.optional(&lastSuccess) { $0.date() }
            case "newestData": return s.optional(&newestData) { $0.date() }
            case "lastError": return s.optional(&lastError) { $0.string() }
            default: return false
            }
        }
        guard ok, let name, let detail, let health else { return nil }
        return SourceStatus(name: name, detail: detail, health: health, lastSuccess: lastSuccess, newestData: newestData,
                            lastError: lastError)
    }

    /// The value here as its own JSON document, decoded by `decoder`.
    mutating func decoded<T: Decodable>(_ type: T.Type, decoder: JSONDecoder) -> T? {
        let from = i
        guard skipValue() else { return nil }
        return try? decoder.decode(type, from: Data(UnsafeBufferPointer(rebasing: p[from..<i])))
    }

    // MARK: - JSON pieces

    mutating func space() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        space()
        guard i < p.count, p[i] == byte else { return false }
        i += 1
        return true
    }

    /// An object of the given `keys`: `member` reads each member's value (after its key and colon); false
    /// gives up, as does a key not in `keys` or one given twice.
    mutating func object(keys: [String], _ member: (String, inout RecordedLineScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        var seen: UInt64 = 0
        repeat {
            space()
            guard let bit = key(in: keys), seen & (1 << bit) == 0, take(UInt8(ascii: ":")) else { return false }
            seen |= 1 << bit
            space()
            guard member(keys[bit], &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    mutating func array<T>(_ element: (inout RecordedLineScanner) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var out: [T] = []
        if take(UInt8(ascii: "]")) { return out }
        repeat {
            space()
            guard let value = element(&self) else { return nil }
            out.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? out : nil
    }

    /// `null` (nil) or a value; false when neither.
    mutating func optional<T>(_ into: inout T?, _ value: (inout RecordedLineScanner) -> T?) -> Bool {
        if literal("null") { into = nil; return true }
        guard let v = value(&self) else { return false }
        into = v
        return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        for k in 0..<n where p[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// A string without escapes or control characters, valid UTF-8.
    mutating func string() -> String? {
        guard let range = stringBytes() else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: p[range])
        // ASCII (nearly always) needs no validation; anything else is validated as UTF-8.
        let text = bytes.allSatisfy({ $0 < 0x80 }) ? String(decoding: bytes, as: UTF8.self)
            : String(validating: bytes, as: UTF8.self)
        guard let text else { return nil }
        i = range.upperBound + 1
        return text
    }

    /// The bytes between the quotes of the string here (nil for an escape or a control character).
    func stringBytes() -> Range<Int>? {
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { return nil }
        var j = i + 1
        while j < p.count, p[j] != UInt8(ascii: "\"") {
            if p[j] == UInt8(ascii: "\\") || p[j] < 0x20 { return nil }
            j += 1
        }
        return j < p.count ? (i + 1)..<j : nil
    }

    /// The key here, as its place in `keys` (nil for any other key), read without making a String.
    mutating func key(in keys: [String]) -> Int? {
        guard let range = stringBytes(), let start = p.baseAddress?.advanced(by: range.lowerBound) else { return nil }
        for (index, key) in keys.enumerated() where key.utf8.count == range.count {
            var key = key
            let equal = key.withUTF8 { memcmp($0.baseAddress!, start, range.count) == 0 }
            if equal {
                i = range.upperBound + 1
                return index
            }
        }
        return nil
    }

    /// A JSON number (RFC 8259's grammar) that is a finite Double.
    mutating func number() -> Double? {
        let from = i
        var j = i
        if j < p.count, p[j] == UInt8(ascii: "-") { j += 1 }
        guard j < p.count, isDigit(p[j]) else { return nil }
        if p[j] == UInt8(ascii: "0") { j += 1 } else { while j < p.count, isDigit(p[j]) { j += 1 } }
        var integral = true
        if j < p.count, p[j] == UInt8(ascii: ".") {
            integral = false
            j += 1
            guard j < p.count, isDigit(p[j]) else { return nil }
            while j < p.count, isDigit(p[j]) { j += 1 }
        }
        if j < p.count, p[j] == UInt8(ascii: "e") || p[j] == UInt8(ascii: "E") {
            integral = false
            j += 1
            if j < p.count, p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-") { j += 1 }
            guard j < p.count, isDigit(p[j]) else { return nil }
            while j < p.count, isDigit(p[j]) { j += 1 }
        }
        i = j
        let negative = p[from] == UInt8(ascii: "-")
        if integral, j - from <= 15 {
            // Up to 15 digits: exact in a Double, no parsing library needed.
            var v = 0
            for k in (negative ? from + 1 : from)..<j { v = v * 10 + Int(p[k] - UInt8(ascii: "0")) }
            return negative ? (v == 0 ? -0.0 : -Double(v)) : Double(v)
        }
        let value = Double(String(decoding: UnsafeBufferPointer(rebasing: p[from..<j]), as: UTF8.self))
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// A JSON integer that fits an Int (no fraction or exponent: `JSONDecoder` may read `60.0` as 60,
    /// this leaves such a line to it).
    mutating func int() -> Int? {
        let from = i
        guard let value = number() else { return nil }
        for k in from..<i where p[k] == UInt8(ascii: ".") || p[k] == UInt8(ascii: "e") || p[k] == UInt8(ascii: "E") {
            return nil
        }
        guard abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// Epoch seconds within ``Ceilings/timestamps`` (the reader's date strategy).
    mutating func date() -> Date? {
        guard let t = number(), Ceilings.isTimestamp(t) else { return nil }
        return Date(timeIntervalSince1970: t)
    }

    /// Moves past one value (strings, nesting and all) without checking it: the caller hands the bytes
    /// to `JSONDecoder`, which does.
    mutating func skipValue() -> Bool {
        var depth = 0
        var j = i
        repeat {
            guard j < p.count else { return false }
            switch p[j] {
            case UInt8(ascii: "\""):
                j += 1
                while j < p.count, p[j] != UInt8(ascii: "\"") { j += p[j] == UInt8(ascii: "\\") ? 2 : 1 }
                guard j < p.count else { return false }
                j += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                j += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return false }
                depth -= 1
                j += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { return false }
                j += 1
            default:
                j += 1
                if depth == 0 {
                    // A scalar at the top: up to the next delimiter.
                    while j < p.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(p[j]) { j += 1 }
                }
            }
        } while depth > 0
        i = j
        return true
    }

    func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
