import Foundation

/// A small element tree of a Query-protocol XML answer, read by ``XMLReader``.
/// Enough to read `DescribeTargetHealthResult/TargetHealthDescriptions/member/…`: names (without
/// namespace prefixes), text, children. Attributes are not kept; AWS answers have none that matter.
public final class XMLTree: @unchecked Sendable {  // built once by the parser, then only read
    public let name: String
    public internal(set) var text: String = ""
    public internal(set) var children: [XMLTree] = []

    init(name: String) { self.name = name }

    /// The first child named `name`.
    public func first(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// Every child named `name`.
    public func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The first element named `name` at any depth (depth first, this one included).
    public func find(_ name: String) -> XMLTree? {
        if self.name == name { return self }
        for child in children { if let hit = child.find(name) { return hit } }
        return nil
    }

    /// Follows a `/`-separated path of child names: `"Target/Id"`.
    public func at(_ path: String) -> XMLTree? {
        var node: XMLTree? = self
        for part in path.split(separator: "/") { node = node?.first(String(part)) }
        return node
    }

    /// The text at a path, trimmed; nil when absent or empty.
    public func string(_ path: String) -> String? {
        guard let t = at(path)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    /// The `member` elements of the list at `path`.
    public func members(_ path: String) -> [XMLTree] { at(path)?.all("member") ?? [] }

    /// Parses a document; nil when it is not well-formed XML of the subset ``XMLReader`` reads, or
    /// not UTF-8 (AWS answers always are).
    public static func parse(_ bytes: [UInt8]) -> XMLTree? {
        var reader = XMLReader(bytes)
        return reader.document()
    }
}
