import FleetCore
import Foundation
import ProbeTargets
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Sends one health check the way an ALB node does and says what it saw: `GET path` on a new
/// connection (closed after the answer), redirects not followed, at most `bodyLimit` bytes of
/// the body read, and a hard deadline over the whole exchange (name lookup, connect, TLS, head
/// and body).
///
/// Straight on SwiftNIO: one channel per check on the shared event loop group, NIO's HTTP/1
/// encoder and decoder, NIOSSL for HTTPS, and a ``ProbeHandler`` that finishes the check.
/// Call ``shutdown()`` when done; later checks fail at once.
public final class HTTPProber: Sendable {
    /// How much of a body is read before the check stops listening (a 100 MB body is not read).
    public static let bodyLimit = 4096
    public static let userAgent = "fleetwatch-probe/1.0"

    private let group: MultiThreadedEventLoopGroup
    /// TLS contexts, made on the first HTTPS check (loading the trust store takes a while).
    private let tlsContexts = Mutex<[Bool: NIOSSLContext]>([:])  // by `insecure`
    private let closed = Atomic<Bool>(false)

    public init() {
        group = MultiThreadedEventLoopGroup.singleton
    }

    /// Later checks fail at once. (The event loops are shared and stay up.)
    public func shutdown() async {
        closed.store(true, ordering: .relaxed)
    }

    /// Starts one check on an event loop; its `result` completes within the target's timeout.
    func start(_ target: ProbeTarget) -> ProbeCheck {
        let loop = group.next()
        let check = ProbeCheck(targetID: target.id, loop: loop)
        guard !closed.load(ordering: .relaxed) else {
            loop.execute { check.finish(.connectionFailed("the prober is shut down")) }
            return check
        }
        let endpoint: Endpoint
        let tls: NIOSSLContext?
        do {
            endpoint = try Endpoint(url: target.url)
            tls = endpoint.https ? try context(insecure: target.settings.insecure) : nil
        } catch {
            loop.execute { check.finish(Self.classify(error)) }
            return check
        }
        let timeout = TimeAmount.nanoseconds(Int64(max(0.001, target.settings.timeout) * 1e9))
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)
        headers.add(name: "Host", value: endpoint.authority)
        headers.add(name: "User-Agent", value: Self.userAgent)
        headers.add(name: "Connection", value: "close")
        let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: endpoint.path, headers: headers)

        loop.execute {
            let bootstrap = ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        guard !check.done else { throw ChannelError.ioOnClosedChannel }
                        check.channel = channel
                        let pipeline = channel.pipeline.syncOperations
                        if let tls {
                            try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: endpoint.serverName))
                        }
                        try pipeline.addHTTPClientHandlers()
                        try pipeline.addHandler(ProbeHandler(request: request, check: check))
                    }
                }
            // The hard deadline, from before the name lookup to the end of the body.
            check.deadline = loop.scheduleTask(in: timeout) { check.finish(.timeout) }
            let connected = endpoint.address.map { bootstrap.connect(to: $0) }
                ?? bootstrap.connect(host: endpoint.host, port: endpoint.port)
            connected.whenComplete { result in
                switch result {
                case .success(let channel):
                    // Too late (the deadline fired during the lookup): hang up at once.
                    if check.done { channel.close(promise: nil) }
                case .failure(let error):
                    check.finish(Self.classify(error))
                }
            }
        }
        return check
    }

    private func context(insecure: Bool) throws -> NIOSSLContext {
        try tlsContexts.withLock { cache in
            if let cached = cache[insecure] { return cached }
            var config = TLSConfiguration.makeClientConfiguration()
            if insecure { config.certificateVerification = .none }
            // After the answer, wait only briefly for the server's close_notify.
            config.shutdownTimeout = .milliseconds(100)
            let made = try NIOSSLContext(configuration: config)
            cache[insecure] = made
            return made
        }
    }

    /// Where a check goes, from its URL.
    struct Endpoint: Sendable {
        var https: Bool
        /// The host name or address, without IPv6 brackets.
        var host: String
        var port: Int
        /// Path and query, as sent on the request line.
        var path: String
        /// `Host` header value: the host, and the port when not the scheme's default.
        var authority: String
        /// The address when `host` is an IP address (no lookup needed).
        var address: SocketAddress?
        /// The name for SNI and certificate checks; nil for an IP address.
        var serverName: String? { address == nil ? host : nil }

        init(url: String) throws {
            guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", var host = parts.host, !host.isEmpty
            else { throw ProbeURLError(url: url) }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            https = scheme == "https"
            self.host = host
            let defaultPort = https ? 443 : 80
            port = parts.port ?? defaultPort
            let query = parts.percentEncodedQuery.map { "?" + $0 } ?? ""
            path = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath) + query
            let bracketed = host.contains(":") ? "[\(host)]" : host
            authority = port == defaultPort ? bracketed : "\(bracketed):\(port)"
            address = try? SocketAddress(ipAddress: host, port: port)
        }
    }

    struct ProbeURLError: Error, CustomStringConvertible {
        var url: String
        var description: String { "not an http(s) URL: \(url)" }
    }

    /// Maps an error on the way to an answer to what the check saw.
    static func classify(_ error: any Error) -> ProbeOutcome {
        if let e = error as? NIOConnectionError {
            if let first = e.connectionErrors.first { return classify(first.error) }
            let why = e.dnsAError ?? e.dnsAAAAError
            return .dnsFailure("name does not resolve" + (why.map { ": \(short($0))" } ?? ""))
        }
        if let e = error as? IOError {
            switch e.errnoCode {
            case ECONNREFUSED: return .connectionFailed("connection refused")
            case ECONNRESET: return .connectionFailed("connection reset")
            case EPIPE: return .connectionFailed("connection reset (broken pipe)")
            case ETIMEDOUT: return .timeout
            case EHOSTUNREACH, ENETUNREACH: return .connectionFailed("host unreachable")
            default: return .connectionFailed("socket error: \(short(e))")
            }
        }
        if error is SocketAddressError { return .dnsFailure("name does not resolve") }
        if let e = error as? HTTPParserError {
            // The connection ended in the middle of the head or the body.
            if e == .invalidEOFState { return .connectionFailed("connection closed before a whole response") }
            return .malformed("malformed HTTP response: \(short(error))")
        }
        if error is NIOSSLError || error is BoringSSLError {
            return .tlsFailure("TLS handshake failed: \(short(error))")
        }
        if case ChannelError.connectTimeout = error { return .timeout }
        if error is ChannelError { return .connectionFailed("connection error: \(short(error))") }
        return .connectionFailed(short(error))
    }

    /// An error's description on one line, at most 120 characters.
    static func short(_ error: Any) -> String {
        let text = SafeText.line(String(describing: error))
        return text.count > 120 ? String(text.prefix(119)) + "…" : text
    }
}
