import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree of a Query-protocol XML answer, built with Foundation's `XMLParser`.
/// Enough to read `DescribeTargetHealthResult/TargetHealthDescriptions/member/…`: names (without
/// namespace prefixes), text, children. Attributes are not kept; AWS answers have none that matter.
public final class XMLTree: @unchecked Sendable {  // built once by the parser, then only read
    public let name: String
    public fileprivate(set) var text: String = ""
    public fileprivate(set) var children: [XMLTree] = []

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

    /// Parses a document; nil when it is not well-formed XML, or not UTF-8 (AWS answers always are):
    /// FoundationXML's parser traps on an element name that is not valid UTF-8 (found by fuzzing,
    /// Tests/Fixtures/fuzz/xml).
    public static func parse(_ bytes: [UInt8]) -> XMLTree? {
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        let parser = XMLParser(data: Data(bytes))
        let builder = Builder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = XMLTree(name: local)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
