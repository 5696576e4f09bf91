import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// Compares every step of our signer with botocore's, from `scripts/make-sigv4-vectors.py`.
@Suite("SigV4 signer against botocore vectors")
struct SigV4Tests {
    struct Vectors: Decodable {
        var generator: String
        var access_key_id: String
        var secret_access_key: String
        var vectors: [Vector]
    }

    struct Vector: Decodable, CustomTestStringConvertible {
        var name, service, region, method, host, path, body, timestamp: String
        var query: [[String]]
        var headers: [String: String]
        var session_token: String?
        var canonical_request, string_to_sign, signature, authorization: String
        var testDescription: String { name }
    }

    static let fixtureURL = FixtureFiles.url("sigv4/vectors.json")

    static func load() throws -> Vectors {
        try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: fixtureURL))
    }

    static var allVectors: [Vector] { (try? load().vectors) ?? [] }

    @Test func fixtureHasTheFourCases() throws {
        let v = try Self.load()
        #expect(v.generator.hasPrefix("botocore"))
        #expect(v.vectors.count >= 4)
    }

    @Test(arguments: allVectors)
    func matchesBotocore(_ vector: Vector) throws {
        let doc = try Self.load()
        let creds = AWSCredentials(accessKeyId: doc.access_key_id, secretAccessKey: doc.secret_access_key,
                                   sessionToken: vector.session_token)
        let signer = SigV4Signer(credentials: creds, region: vector.region, service: vector.service)
        let request = SigV4Signer.Request(
            method: vector.method, host: vector.host, path: vector.path,
            query: vector.query.map { ($0[0], $0[1]) },
            headers: vector.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            body: Array(vector.body.utf8))
        let date = try #require(ISO8601DateFormatter().date(from: vector.timestamp))
        let signed = signer.sign(request, at: date)
        #expect(signed.canonicalRequest == vector.canonical_request)
        #expect(signed.stringToSign == vector.string_to_sign)
        #expect(signed.signature == vector.signature)
        #expect(signed.authorization == vector.authorization)
        #expect(signed.headers.contains { $0.0 == "X-Amz-Date" && $0.1 == SigV4Signer.amzDate(date) })
        #expect(signed.headers.contains { $0.0 == "X-Amz-Security-Token" } == (vector.session_token != nil))
    }

    @Test func aDifferentSecretGivesADifferentSignature() throws {
        let doc = try Self.load()
        let vector = try #require(doc.vectors.first)
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: doc.access_key_id, secretAccessKey: "other",
                                                             sessionToken: vector.session_token),
                                 region: vector.region, service: vector.service)
        let signed = signer.sign(SigV4Signer.Request(method: vector.method, host: vector.host, path: vector.path,
                                                     headers: vector.headers.map { ($0.key, $0.value) },
                                                     body: Array(vector.body.utf8)),
                                 at: try #require(ISO8601DateFormatter().date(from: vector.timestamp)))
        #expect(signed.signature != vector.signature)
    }

    @Test func uriEncodingKeepsOnlyUnreserved() {
        #expect(SigV4Signer.uriEncode("a b/c~d_e.f-g*h") == "a%20b%2Fc~d_e.f-g%2Ah")
        #expect(SigV4Signer.uriEncode("/a b/é", keepSlash: true) == "/a%20b/%C3%A9")
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let c = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                               sessionToken: "TOKENVALUE123")
        for text in [c.description, c.debugDescription, "\(c)", String(reflecting: c)] {
            #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("TOKENVALUE123"))
        }
        #expect(c.redactedKeyId == "AKIA…(redacted)")
    }
}
