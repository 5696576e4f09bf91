import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses a picture with Foundation's XML parser (libxml2): its elements, their attributes and the
/// text inside each, or the parser's error.
final class PictureXML: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String }
    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: Error?

    static func parse(_ text: String) -> PictureXML {
        let doc = PictureXML()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = doc
        if !parser.parse() { doc.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return doc
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes, text: ""))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in open { elements[i].text += string }
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}
