import FleetTestSupport
import FleetXML
import Foundation
import Testing

extension IntegrationSuites {
    /// Fuzzing found Foundation's XMLParser keeping ~110 KB per parse of a malformed document for the
    /// life of the process (10,000 parses of `Tests/Fixtures/fuzz/xml/leak-malformed-07dcaf11` held
    /// 1.1 GB), which a live dashboard fed bad answers by a proxy would have grown by without end.
    /// The reader that replaced it keeps nothing: the resident size after 5,000 parses of that
    /// input (550 MB with the old parser) stays within a few megabytes.
    @Suite("XML reader: memory") struct XMLMemoryTests {
        static func residentBytes() throws -> Int {
            let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
            let fields = statm.split(separator: " ")
            return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
        }

        @Test("malformed documents parsed 5,000 times leave the resident size flat")
        func malformedKeepsNothing() throws {
            let bytes = try [UInt8](Data(contentsOf: FixtureFiles.url("fuzz/xml/leak-malformed-07dcaf11")))
            #expect(XMLTree.parse(bytes) == nil)
            for _ in 0..<200 { _ = XMLTree.parse(bytes) }  // warm up the allocator
            let before = try Self.residentBytes()
            for _ in 0..<5000 { _ = XMLTree.parse(bytes) }
            let grown = try Self.residentBytes() - before
            #expect(grown < 32 << 20, "resident size grew by \(grown >> 20) MB over 5,000 parses")
        }
    }
}
