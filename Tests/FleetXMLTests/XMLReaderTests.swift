@testable import FleetXML
import FleetTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("XML reader")
struct XMLReaderTests {
    func parse(_ text: String) -> XMLTree? { XMLTree.parse(Array(text.utf8)) }

    /// The tree as one line: `Name(text)[children]`, text trimmed, to compare readers.
    static func outline(_ t: XMLTree) -> String {
        let text = t.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let children = t.children.map(outline).joined(separator: ",")
        return "\(t.name)(\(text))[\(children)]"
    }

    @Test("an AWS answer: declaration, namespace, members, text")
    func awsAnswer() throws {
        let root = try #require(parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeTargetHealthResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
              <DescribeTargetHealthResult>
                <TargetHealthDescriptions>
                  <member><Target><Id>i-0a1</Id><Port>80</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>
                  <member><Target><Id>i-0b2</Id></Target><TargetHealth><State>unhealthy</State>
                    <Reason>Target.FailedHealthChecks</Reason></TargetHealth></member>
                </TargetHealthDescriptions>
              </DescribeTargetHealthResult>
              <ResponseMetadata><RequestId>6f0d7e42</RequestId></ResponseMetadata>
            </DescribeTargetHealthResponse>
            """))
        #expect(root.name == "DescribeTargetHealthResponse")
        let members = root.members("DescribeTargetHealthResult/TargetHealthDescriptions")
        #expect(members.map { $0.string("Target/Id") } == ["i-0a1", "i-0b2"])
        #expect(members.map { $0.string("TargetHealth/State") } == ["healthy", "unhealthy"])
        #expect(members[1].string("TargetHealth/Reason") == "Target.FailedHealthChecks")
        #expect(root.find("RequestId")?.text == "6f0d7e42")
    }

    @Test("entities, character references, CDATA, comments, prefixes, attributes")
    func syntax() throws {
        let root = try #require(parse("""
            \u{FEFF}<!-- before --><a:Root xmlns:a="urn:x" b='1'>\
            <Msg>x &lt; y &amp;&amp; &quot;q&quot; &apos;s&apos; &gt; &#65;&#x42;&#x20AC;</Msg>\
            <Data><![CDATA[<raw> & ]]></Data><!-- c --><?pi data?><Empty/><E2 k="v&amp;w" /></a:Root>
            <!-- after -->
            """))
        #expect(root.name == "Root")
        #expect(root.string("Msg") == "x < y && \"q\" 's' > AB€")
        #expect(root.first("Data")?.text == "<raw> & ")
        #expect(root.children.map(\.name) == ["Msg", "Data", "Empty", "E2"])
    }

    @Test("not well-formed, or outside the subset: nil", arguments: [
        ("", "empty"),
        ("   ", "only space"),
        ("<a>", "unclosed"),
        ("<a></b>", "wrong closing tag"),
        ("<a><b></a></b>", "crossed tags"),
        ("<a/><b/>", "two roots"),
        ("<a/>text", "text after the root"),
        ("text<a/>", "text before the root"),
        ("<a>&nbsp;</a>", "an undefined entity"),
        ("<a>&amp</a>", "a reference without ;"),
        ("<a>&#0;</a>", "a reference to NUL"),
        ("<a>&#xD800;</a>", "a reference to a surrogate"),
        ("<a>&#99999999999;</a>", "a reference out of range"),
        ("<a>1 ]]> 2</a>", "]]> in text"),
        ("<a>\u{1}</a>", "a C0 control in text"),
        ("<a b=\"<\"/>", "< in an attribute"),
        ("<a b=\"1\" b=\"2\"/>", "a repeated attribute"),
        ("<a b=1/>", "an unquoted attribute"),
        ("<a b=\"1\"c=\"2\"/>", "attributes without space"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "a DOCTYPE"),
        ("<a><!-- x -- y --></a>", "-- inside a comment"),
        ("<a><![CDATA[x</a>", "an unterminated CDATA section"),
        ("<1a/>", "a name starting with a digit"),
        ("<a></a >x", "text after a spaced closing tag"),
    ])
    func refused(text: String, what: String) {
        #expect(parse(text) == nil, "\(what)")
    }

    @Test("bytes that are not UTF-8 in a name or in text: nil")
    func notUTF8() {
        #expect(XMLTree.parse(Array("<a".utf8) + [0xC3, 0x28] + Array("/>".utf8)) == nil)
        #expect(XMLTree.parse(Array("<a>".utf8) + [0xFF] + Array("</a>".utf8)) == nil)
    }

    @Test("nesting up to the ceiling is read; deeper is refused, not a stack overflow")
    func depth() {
        let n = XMLReader.maxDepth
        let ok = String(repeating: "<e>", count: n) + String(repeating: "</e>", count: n)
        #expect(parse(ok)?.find("missing") == nil)
        #expect(parse(ok) != nil)
        let deep = String(repeating: "<e>", count: n + 1) + String(repeating: "</e>", count: n + 1)
        #expect(parse(deep) == nil)
        #expect(parse(String(repeating: "<e>", count: 100_000)) == nil)
    }

    /// The documents the live module reads, compared with Foundation's parser on the same bytes
    /// (well-formed input only: on malformed input Foundation's parser is what this reader replaces).
    @Test("reads the API-reference answers as Foundation's XMLParser does")
    func sameAsFoundation() throws {
        let folder = FixtureFiles.url("cloudwatch/api")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            let ours = try #require(XMLTree.parse(bytes), "\(file)")
            let theirs = try #require(FoundationTree.parse(bytes), "\(file)")
            #expect(Self.outline(ours) == theirs, "\(file)")
        }
    }
}

/// Foundation's parser, building the same outline, for comparison only.
private final class FoundationTree: NSObject, XMLParserDelegate {
    struct Node { var name: String; var text = ""; var children: [String] = [] }
    var stack: [Node] = []
    var result: String?

    static func parse(_ bytes: [UInt8]) -> String? {
        let parser = XMLParser(data: Data(bytes))
        let builder = FoundationTree()
        parser.delegate = builder
        return parser.parse() ? builder.result : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(Node(name: elementName.split(separator: ":").last.map(String.init) ?? elementName))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let node = stack.removeLast()
        let line = "\(node.name)(\(node.text.trimmingCharacters(in: .whitespacesAndNewlines)))[\(node.children.joined(separator: ","))]"
        if stack.isEmpty { result = line } else { stack[stack.count - 1].children.append(line) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
    }
}
