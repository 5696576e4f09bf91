import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A real server on loopback that answers a health check in one chosen way, good or bad.
/// Everything stays on 127.0.0.1; `stop()` closes the listener and every connection.
final class ProbeTestServer: Sendable {
    enum Behaviour: Sendable, Equatable {
        /// A whole response with this status (302 carries a Location).
        case status(Int)
        /// Accepts, reads the request, never answers.
        case hang
        /// Sends a 200 head and a little of the body, then stalls.
        case stallBody
        /// Sends a 200 with a body of this many bytes, as fast as the client takes it.
        case hugeBody(Int)
        /// Resets the connection (RST) when the request arrives.
        case reset
        /// Answers bytes that are not HTTP.
        case malformed
    }

    let channel: any Channel
    let port: Int
    let host: String
    let counters: Counters
    /// Body bytes the server managed to hand to the kernel (for the huge-body test).
    var bodyBytesWritten: Int { counters.body.load(ordering: .relaxed) }
    /// Requests seen.
    var requests: Int { counters.requests.load(ordering: .relaxed) }

    private init(channel: any Channel, host: String, counters: Counters) {
        self.channel = channel
        self.host = host
        self.port = channel.localAddress?.port ?? 0
        self.counters = counters
    }

    // The counters live in a class the handlers can share before the server object exists.
    final class Counters: Sendable {
        let body = Atomic<Int>(0)
        let requests = Atomic<Int>(0)
        let children = Mutex<[ObjectIdentifier: any Channel]>([:])
    }

    /// `http://127.0.0.1:PORT/health` (https with TLS).
    func url(path: String = "/health", tls: Bool = false) -> String {
        "\(tls ? "https" : "http")://\(host):\(port)\(path)"
    }

    static func start(_ behaviour: Behaviour, host: String = "127.0.0.1", tls: Bool = false) async throws -> ProbeTestServer {
        let sslContext: NIOSSLContext? = try tls ? {
            let cert = try NIOSSLCertificate(bytes: Array(ProbeTestCertificate.certificatePEM.utf8), format: .pem)
            let key = try NIOSSLPrivateKey(bytes: Array(ProbeTestCertificate.privateKeyPEM.utf8), format: .pem)
            return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(cert)],
                                                                             privateKey: .privateKey(key)))
        }() : nil
        let counters = Counters()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                let id = ObjectIdentifier(child)
                counters.children.withLock { $0[id] = child }
                child.closeFuture.whenComplete { _ in _ = counters.children.withLock { $0.removeValue(forKey: id) } }
                return child.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try child.pipeline.syncOperations.addHandler(Responder(behaviour: behaviour, counters: counters))
                }
            }
            .bind(host: host, port: 0).get()
        return ProbeTestServer(channel: channel, host: host, counters: counters)
    }

    func stop() async {
        try? await channel.close()
        let open = counters.children.withLock { Array($0.values) }
        for child in open { try? await child.close() }
    }

    /// Connections the server holds open now.
    var openConnections: Int { counters.children.withLock { $0.count } }

    /// Reads the request head, then behaves.
    final class Responder: ChannelInboundHandler, @unchecked Sendable {  // confined to its event loop
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let behaviour: Behaviour
        let counters: Counters
        var received = ""
        var answered = false

        init(behaviour: Behaviour, counters: Counters) {
            self.behaviour = behaviour
            self.counters = counters
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            received += buffer.readString(length: buffer.readableBytes) ?? ""
            guard !answered, received.contains("\r\n\r\n") else { return }
            answered = true
            counters.requests.add(1, ordering: .relaxed)
            respond(context: context)
        }

        func write(_ text: String, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)))
        }

        func respond(context: ChannelHandlerContext) {
            switch behaviour {
            case .status(let code):
                let location = code / 100 == 3 ? "Location: http://127.0.0.1:9/elsewhere\r\n" : ""
                let head = "HTTP/1.1 \(code) Status\r\n\(location)Content-Length: 2\r\nConnection: close\r\n\r\nok"
                write(head, context: context).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            case .hang:
                break
            case .stallBody:
                _ = write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial", context: context)
            case .hugeBody(let total):
                _ = write("HTTP/1.1 200 OK\r\nContent-Length: \(total)\r\n\r\n", context: context)
                writeBody(remaining: total, context: context)
            case .reset:
                let provider = context.channel as? any SocketOptionProvider
                let set = provider?.setSoLinger(linger(l_onoff: 1, l_linger: 0)) ?? context.eventLoop.makeSucceededVoidFuture()
                set.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            case .malformed:
                write("SSH-2.0-OpenSSH_9.2 this is not HTTP\r\n\r\n", context: context).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        }

        /// Writes 64 KB chunks one after the other, each when the last one went out, so the
        /// server never buffers more than one chunk: it goes as fast as the client reads.
        func writeBody(remaining: Int, context: ChannelHandlerContext) {
            guard remaining > 0, context.channel.isActive else { return }
            let n = min(65536, remaining)
            var chunk = context.channel.allocator.buffer(capacity: n)
            chunk.writeRepeatingByte(UInt8(ascii: "x"), count: n)
            context.writeAndFlush(wrapOutboundOut(chunk)).assumeIsolated().whenSuccess {
                self.counters.body.add(n, ordering: .relaxed)
                self.writeBody(remaining: remaining - n, context: context)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}

/// A loopback port nothing listens on: bound once, then closed.
func probeClosedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(fd >= 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
            bind(fd, p, len) == 0 && getsockname(fd, p, &len) == 0
        }
    }
    precondition(bound, "could not bind a loopback port")
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// Open file descriptors of this process.
func probeOpenFDs() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
}

/// Resident memory of this process in bytes.
func probeResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}
