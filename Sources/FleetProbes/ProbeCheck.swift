import Foundation
import ProbeTargets
import NIOCore
import NIOHTTP1

/// One health check under way: its result promise, its connection and its hard deadline. Lives on
/// one event loop; whichever comes first (an answer, an error, the deadline, a cancel) finishes it,
/// and finishing closes the connection.
final class ProbeCheck: @unchecked Sendable {  // every member is touched on `loop` only
    let loop: any EventLoop
    let result: EventLoopPromise<ProbeResult>
    private let targetID: String
    private let started = Date()
    private let begin = NIODeadline.now()
    /// The connection, once the bootstrap has made one.
    var channel: (any Channel)?
    var deadline: Scheduled<Void>?
    private(set) var done = false

    init(targetID: String, loop: any EventLoop) {
        self.targetID = targetID
        self.loop = loop
        result = loop.makePromise()
    }

    func finish(_ outcome: ProbeOutcome) {
        loop.assertInEventLoop()
        guard !done else { return }
        done = true
        deadline?.cancel()
        deadline = nil
        channel?.close(promise: nil)
        channel = nil
        let latency = Double((NIODeadline.now() - begin).nanoseconds) / 1e9
        result.succeed(ProbeResult(targetID: targetID, started: started, latency: latency, outcome: outcome))
    }
}

/// The end of a check's pipeline, after the HTTP/1 encoder and decoder: sends the request when
/// the connection is up (NIOSSL holds it until the handshake is done) and finishes the check
/// with the status once the head has come and the body has ended or `bodyLimit` bytes of it
/// were read, or with whatever went wrong first.
final class ProbeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let request: HTTPRequestHead
    private let check: ProbeCheck
    private var status: Int?
    private var bodyBytes = 0

    init(request: HTTPRequestHead, check: ProbeCheck) {
        self.request = request
        self.check = check
    }

    func channelActive(context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(request)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            if bodyBytes >= HTTPProber.bodyLimit, let status { check.finish(.status(status)) }
        case .end:
            if let status { check.finish(.status(status)) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        check.finish(HTTPProber.classify(error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        check.finish(.connectionFailed("connection closed before a response"))
        context.fireChannelInactive()
    }
}
