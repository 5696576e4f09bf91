import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Sends one health check the way an ALB node does and says what it saw: `GET path` on a new
/// connection (closed after the answer), redirects not followed, at most `bodyLimit` bytes of
/// the body read, and a hard deadline over the whole exchange (connect, TLS, head and body).
///
/// Owns an `HTTPClient`; call ``shutdown()`` when done. (Should the owner forget, the client
/// is shut down when this object goes away, without waiting.)
public final class HTTPProber: Sendable {
    /// How much of a body is read before the check stops listening (a 100 MB body is not read).
    public static let bodyLimit = 4096
    public static let userAgent = "fleetwatch-probe/1.0"

    let client: HTTPClient
    private let insecureTLS: TLSConfiguration
    private let closed = Mutex(false)

    /// `maxTimeout`: the longest timeout of any target (the client's connect and read timeouts).
    public init(maxTimeout: TimeInterval = 5) {
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        config.decompression = .disabled
        config.httpVersion = .http1Only
        let limit = TimeAmount.nanoseconds(Int64(max(0.05, maxTimeout) * 1e9))
        config.timeout = .init(connect: limit, read: limit, write: limit)
        // One check, one connection, as the ALB does: no pooled connections to leak or go stale.
        config.maximumUsesPerConnection = 1
        config.connectionPool = .init(idleTimeout: .seconds(1), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection fails the check now instead of being retried until the deadline.
        config.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: config)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        insecureTLS = tls
    }

    deinit {
        if !closed.withLock({ $0 }) { client.shutdown { _ in } }
    }

    /// Shuts the client down; later checks fail at once.
    public func shutdown() async {
        let first = closed.withLock { was in
            defer { was = true }
            return !was
        }
        if first { try? await client.shutdown() }
    }

    /// One health check of `target`; never throws, never takes (much) longer than its timeout.
    public func probe(_ target: ProbeTarget) async -> ProbeResult {
        let started = Date()
        let clock = ContinuousClock()
        let begin = clock.now
        let timeout = target.settings.timeout
        let outcome: ProbeOutcome = await withTaskGroup(of: ProbeOutcome?.self) { group in
            group.addTask { await self.fetch(target, timeout: timeout) }
            group.addTask {
                // The hard deadline: whatever the fetch is doing when it fires, it is cancelled.
                do { try await Task.sleep(for: .nanoseconds(Int64(timeout * 1e9))) } catch { return nil }
                return .timeout
            }
            var first: ProbeOutcome?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .timeout
        }
        let elapsed = clock.now - begin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return ProbeResult(targetID: target.id, started: started, latency: seconds, outcome: outcome)
    }

    private func fetch(_ target: ProbeTarget, timeout: TimeInterval) async -> ProbeOutcome? {
        var request = HTTPClientRequest(url: target.url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Connection", value: "close")
        if target.settings.insecure { request.tlsConfiguration = insecureTLS }
        do {
            let response = try await client.execute(request, deadline: .now() + .nanoseconds(Int64(timeout * 1e9)))
            var read = 0
            for try await chunk in response.body {
                read += chunk.readableBytes
                if read >= Self.bodyLimit { break }  // dropping the body closes the connection
            }
            return .status(Int(response.status.code))
        } catch {
            if Task.isCancelled { return nil }  // the deadline won; its outcome stands
            return Self.classify(error)
        }
    }

    /// Maps a client error to what the check saw.
    static func classify(_ error: any Error) -> ProbeOutcome {
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout,
                 .getConnectionFromPoolTimeout:
                return .timeout
            case .remoteConnectionClosed:
                return .connectionFailed("connection closed before a response")
            default:
                return .connectionFailed("client error: \(short(e))")
            }
        }
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
        if error is HTTPParserError { return .malformed("malformed HTTP response: \(short(error))") }
        if error is NIOSSLError || error is BoringSSLError {
            return .tlsFailure("TLS handshake failed: \(short(error))")
        }
        if error is ChannelError { return .connectionFailed("connection error: \(short(error))") }
        return .connectionFailed(short(error))
    }

    /// An error's description on one line, at most 120 characters.
    static func short(_ error: Any) -> String {
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.count > 120 ? String(text.prefix(119)) + "…" : text
    }
}
