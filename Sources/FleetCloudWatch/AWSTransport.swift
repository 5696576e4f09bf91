import AsyncHTTPClient
import FleetCore
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP answer, body fully read.
public struct AWSHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One signed HTTP request, ready to send.
public struct AWSHTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(String, String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// Sends requests. ``AsyncHTTPTransport`` in the program; tests put fakes or counters in front.
public protocol AWSTransport: Sendable {
    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse
}

/// What went wrong below HTTP, sorted into what a person can act on.
public enum AWSTransportFailure: Error, Sendable, Equatable {
    case connectionRefused
    case hostNotFound
    case timedOut
    case other(String)

    /// Sorts an error from AsyncHTTPClient/NIO by what it says (their types differ across versions).
    public static func classify(_ error: any Error) -> AWSTransportFailure {
        if let failure = error as? AWSTransportFailure { return failure }
        let text = String(describing: error).lowercased() + " " + String(reflecting: error).lowercased()
        if text.contains("refused") || text.contains("econnrefused") { return .connectionRefused }
        if text.contains("dns") || text.contains("resolve") || text.contains("getaddrinfo") || text.contains("name or service not known")
            || text.contains("nodename nor servname") || text.contains("unknown host") || text.contains("no address") {
            return .hostNotFound
        }
        if text.contains("timeout") || text.contains("timed out") || text.contains("deadline") { return .timedOut }
        return .other(SafeText.line(String(describing: error)).prefix(160).description)
    }

    public var reason: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .hostNotFound: "host name not found"
        case .timedOut: "timed out"
        case .other(let text): text
        }
    }
}

/// The real transport: AsyncHTTPClient's shared client, a bounded body, a per-request timeout.
public struct AsyncHTTPTransport: AWSTransport {
    public var timeout: TimeAmount
    /// Answers larger than this are cut off as an error (a metric answer is a few hundred KiB).
    public var maxBodyBytes: Int

    public init(timeout: TimeAmount = .seconds(20), maxBodyBytes: Int = 32 << 20) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    public func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        var r = HTTPClientRequest(url: request.url)
        r.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers where name.lowercased() != "host" { r.headers.add(name: name, value: value) }
        if let host = request.header("Host") { r.headers.replaceOrAdd(name: "Host", value: host) }
        if !request.body.isEmpty {
            r.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let response = try await HTTPClient.shared.execute(r, timeout: timeout)
            var buffer = try await response.body.collect(upTo: maxBodyBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return AWSHTTPResponse(status: Int(response.status.code),
                                   headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
        } catch {
            throw AWSTransportFailure.classify(error)
        }
    }
}
