import Crypto
import FleetCore
import Foundation

/// AWS Signature Version 4 (HMAC-SHA256 from swift-crypto), for the JSON and Query protocols:
/// signs a method, path, query, headers and body, adding `X-Amz-Date`, `X-Amz-Security-Token`
/// (with a session token) and `Authorization`. The steps are public so tests can compare each one
/// with botocore's (`scripts/make-sigv4-vectors.py`).
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    /// The signing name: `monitoring`, `elasticloadbalancing`, `autoscaling`.
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// A request to sign: `path` is the raw (unencoded) path, `query` raw name/value pairs.
    public struct Request: Sendable {
        public var method: String
        public var host: String
        public var path: String
        public var query: [(String, String)]
        /// Header names as sent; `Host` is added by the signer from `host`.
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(method: String, host: String, path: String = "/", query: [(String, String)] = [],
                    headers: [(String, String)] = [], body: [UInt8] = []) {
            self.method = method
            self.host = host
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The path as it goes on the wire: each byte outside the unreserved set percent-encoded.
        public var encodedPath: String { SigV4Signer.uriEncode(path, keepSlash: true) }

        /// The query string as it goes on the wire (same encoding as the canonical form, in order).
        public var encodedQuery: String {
            query.map { "\(SigV4Signer.uriEncode($0.0))=\(SigV4Signer.uriEncode($0.1))" }.joined(separator: "&")
        }
    }

    /// Every intermediate of one signature.
    public struct Signed: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
        /// The headers to send: the request's own plus Host, X-Amz-Date, the token and Authorization.
        public var headers: [(String, String)]
    }

    /// `20260105T130000Z`.
    public static func amzDate(_ date: Date) -> String {
        let iso = ISOTimeCompact.basic(date)
        return iso
    }

    public func sign(_ request: Request, at date: Date) -> Signed {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        var headers = request.headers.filter { $0.0.lowercased() != "authorization" }
        headers.append(("Host", request.host))
        headers.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken { headers.append(("X-Amz-Security-Token", token)) }

        var canonicalHeaders: [String: String] = [:]
        for (name, value) in headers {
            let lname = name.lowercased()
            let v = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            canonicalHeaders[lname] = canonicalHeaders[lname].map { "\($0),\(v)" } ?? v
        }
        let names = canonicalHeaders.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        var encodedPairs: [(String, String)] = request.query.map { (Self.uriEncode($0.0), Self.uriEncode($0.1)) }
        encodedPairs.sort { (a: (String, String), b: (String, String)) -> Bool in a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }
        let canonicalQuery: String = encodedPairs.map { (p: (String, String)) -> String in p.0 + "=" + p.1 }
            .joined(separator: "&")
        let canonicalPath = Self.uriEncode(request.encodedPath, keepSlash: true)
        let headerLines: [String] = names.map { (n: String) -> String in n + ":" + (canonicalHeaders[n] ?? "") }
        let headerBlock: String = headerLines.joined(separator: "\n") + "\n"
        let payloadHash: String = Self.hex(SHA256.hash(data: request.body))
        let uri: String = canonicalPath.isEmpty ? "/" : canonicalPath
        let parts: [String] = [request.method.uppercased(), uri, canonicalQuery, headerBlock, signedHeaders, payloadHash]
        let canonicalRequest = parts.joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        headers.append(("Authorization", authorization))
        return Signed(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
                      authorization: authorization, headers: headers)
    }

    /// RFC 3986 percent-encoding of UTF-8 bytes: `A-Z a-z 0-9 - _ . ~` stay (and `/` when asked).
    public static func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out.append("%")
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return out
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")
    private static let lowerHex: [Character] = Array("0123456789abcdef")

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var s = ""
        for b in digest {
            s.append(lowerHex[Int(b >> 4)])
            s.append(lowerHex[Int(b & 0xF)])
        }
        return s
    }
}

/// `yyyyMMdd'T'HHmmss'Z'` in UTC without a formatter.
enum ISOTimeCompact {
    static func basic(_ date: Date) -> String {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(t) / 86400).rounded(.down))
        let secs = t - days * 86400
        let (y, m, d) = ISOTime.civil(fromDays: days)
        func p(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(y, 4))\(p(m, 2))\(p(d, 2))T\(p(secs / 3600, 2))\(p(secs / 60 % 60, 2))\(p(secs % 60, 2))Z"
    }
}
