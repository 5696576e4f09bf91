import FleetCore

/// Builds SVG and HTML text as UTF-8 bytes: markup as given, data escaped. Every piece of text
/// that came from data goes through ``text(_:)``/``scalar(_:)``: the screen sanitiser first
/// (`SafeText.displayable`), control characters shown as their Unicode control pictures (U+2400…)
/// so a picture never holds a character XML forbids, then `&`, `<`, `>`, `"` and `'` escaped, so
/// no alarm name or instance id can add markup or script.
struct MarkupWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup, written as it is: never pass data here.
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup built by the writer itself (class names, colours, numbers): never data.
    @inline(__always)
    mutating func markup(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// The XML declaration and the `<svg>` start tag of a `width` × `height` px picture.
    mutating func svgStart(width: Int, height: Int, fontFamily: String, fontSize: Int, preserveSpace: Bool) {
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        int(width)
        raw("\" height=\"")
        int(height)
        raw("\" viewBox=\"0 0 ")
        int(width)
        raw(" ")
        int(height)
        raw("\" font-family=\"")
        markup(fontFamily)
        raw("\" font-size=\"")
        int(fontSize)
        raw(preserveSpace ? "\" xml:space=\"preserve\">\n" : "\">\n")
    }

    /// The page: a `width` × `height` px `<rect>` of `color`.
    mutating func pageRect(width: Int, height: Int, color: RGB) {
        raw("<rect width=\"")
        int(width)
        raw("\" height=\"")
        int(height)
        raw("\" fill=\"")
        markup(color.hex)
        raw("\"/>\n")
    }

    /// CSS declarations for text attributes (`;font-weight:bold` …); `dim` as `dimProperty`:0.6.
    mutating func cssAttributes(_ attributes: TextAttributes, dimProperty: StaticString) {
        if attributes.contains(.bold) { raw(";font-weight:bold") }
        if attributes.contains(.dim) {
            raw(";")
            raw(dimProperty)
            raw(":0.6")
        }
        if attributes.contains(.underline) { raw(";text-decoration:underline") }
    }

    /// Another writer's bytes.
    mutating func append(_ other: MarkupWriter) { bytes.append(contentsOf: other.bytes) }

    /// A non-negative or negative integer, in decimal.
    mutating func int(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = n.magnitude
        if v < 10 { bytes.append(UInt8(ascii: "0") + UInt8(v)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// A number with at most one decimal, for coordinates.
    mutating func number(_ v: Double) {
        let tenths = Int((v * 10).rounded())
        if tenths % 10 == 0 { int(tenths / 10); return }
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        int(abs(tenths) / 10)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(abs(tenths) % 10))
    }

    /// Text from data, escaped (see the type's comment).
    mutating func text(_ s: String) {
        for scalar in s.unicodeScalars { self.scalar(scalar) }
    }

    /// One character from data, escaped.
    @inline(__always)
    mutating func scalar(_ s: Unicode.Scalar) {
        switch s {
        case "&": raw("&amp;")
        case "<": raw("&lt;")
        case ">": raw("&gt;")
        case "\"": raw("&quot;")
        case "'": raw("&#39;")
        default:
            let shown = s.value < 0x80 && s.value >= 0x20 && s.value != 0x7F ? s : Self.visible(s)
            if shown.value < 0x80 {
                bytes.append(UInt8(shown.value))
            } else {
                UTF8.encode(shown) { bytes.append($0) }
            }
        }
    }

    /// What a picture draws for `s`: the screen's character (`SafeText.displayable`), or for one
    /// the screen would drop, its control picture (U+2400 + code for C0, U+2421 for DEL) or U+FFFD.
    static func visible(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if let shown = SafeText.displayable(s) { return shown }
        if s.value < 0x20 { return Unicode.Scalar(0x2400 + s.value)! }
        if s.value == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }
}
