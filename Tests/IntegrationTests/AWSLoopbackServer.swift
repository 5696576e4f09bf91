import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on 127.0.0.1 that answers AWS calls with canned bodies, chosen by operation
/// (`X-Amz-Target`'s suffix for JSON 1.0, the form's `Action` for Query), and records each request's
/// operation and `Authorization` header.
final class AWSLoopbackServer: Sendable {
    let channel: any Channel
    let seen = Mutex<[(operation: String, authorization: String?)]>([])

    var endpoint: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }
    var operations: [String] { seen.withLock { $0.map(\.operation) } }
    var signedOperations: Set<String> {
        seen.withLock { Set($0.filter { $0.authorization?.hasPrefix("AWS4-HMAC-SHA256 Credential=") == true }.map(\.operation)) }
    }

    private init(channel: any Channel) { self.channel = channel }

    /// Serves `answers[operation]` (status 200); an unknown operation gets a 400 `UnknownOperationException`.
    static func start(_ answers: [String: String]) async throws -> AWSLoopbackServer {
        let box = Mutex<AWSLoopbackServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(Handler(answers: answers) { op, auth in
                        box.withLock { $0?.seen.withLock { $0.append((op, auth)) } }
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = AWSLoopbackServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    func stop() async { try? await channel.close() }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {  // confined to its event loop
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let answers: [String: String]
        let note: @Sendable (String, String?) -> Void
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(answers: [String: String], note: @escaping @Sendable (String, String?) -> Void) {
            self.answers = answers
            self.note = note
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let target = head.headers.first(name: "X-Amz-Target")
                let form = String(decoding: body, as: UTF8.self)
                let op = target.map { String($0.split(separator: ".").last ?? "") }
                    ?? form.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? "?"
                note(op, head.headers.first(name: "Authorization"))
                let (status, text): (HTTPResponseStatus, String) = answers[op].map { (.ok, $0) }
                    ?? (.badRequest, #"{"__type":"UnknownOperationException"}"#)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: String(text.utf8.count))
                headers.add(name: "Content-Type", value: text.hasPrefix("<") ? "text/xml" : "application/x-amz-json-1.0")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                self.head = nil
            }
        }
    }
}
