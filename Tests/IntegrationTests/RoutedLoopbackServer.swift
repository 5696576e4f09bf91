import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on 127.0.0.1 whose answers come from a function of the request (method,
/// path with query, headers; status 0 means never answer): for services that are not AWS query/JSON APIs, such as the EC2
/// instance metadata service and the SSO access portal. Records every request it saw.
final class RoutedLoopbackServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [String: String]  // lower-cased names
        var body: [UInt8]

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    let channel: any Channel
    let seen = Mutex<[Request]>([])

    var endpoint: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }
    var requests: [Request] { seen.withLock { $0 } }

    private init(channel: any Channel) { self.channel = channel }

    static func start(_ route: @escaping @Sendable (Request) -> (status: Int, body: String)) async throws -> RoutedLoopbackServer {
        let box = Mutex<RoutedLoopbackServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(Handler(route: route) { request in
                        box.withLock { $0?.seen.withLock { $0.append(request) } }
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = RoutedLoopbackServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    func stop() async { try? await channel.close() }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {  // confined to its event loop
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let route: @Sendable (Request) -> (status: Int, body: String)
        let note: @Sendable (Request) -> Void
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(route: @escaping @Sendable (Request) -> (status: Int, body: String), note: @escaping @Sendable (Request) -> Void) {
            self.route = route
            self.note = note
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = []
            case .body(var buffer):
                if body.count < 1 << 20 { body += buffer.readBytes(length: buffer.readableBytes) ?? [] }
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
                note(request)
                let (status, text) = route(request)
                guard status > 0 else { return }  // hang: read the request, never answer
                var out = HTTPHeaders()
                out.add(name: "Content-Length", value: String(text.utf8.count))
                out.add(name: "Content-Type", value: text.hasPrefix("{") ? "application/json" : text.hasPrefix("<") ? "text/xml" : "text/plain")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: out))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                self.head = nil
            }
        }
    }
}
