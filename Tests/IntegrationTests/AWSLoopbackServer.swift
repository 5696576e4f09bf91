import Foundation

/// A real HTTP server on 127.0.0.1 that answers AWS calls with canned bodies, chosen by operation
/// (`X-Amz-Target`'s suffix for JSON 1.0, the form's `Action` for Query), and records each request's
/// operation and `Authorization` header. Built on ``RoutedLoopbackServer``.
final class AWSLoopbackServer: Sendable {
    let server: RoutedLoopbackServer

    var endpoint: String { server.endpoint }
    var operations: [String] { server.requests.map(Self.operation) }
    var signedOperations: Set<String> {
        Set(server.requests.filter { $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=") == true }.map(Self.operation))
    }

    private init(server: RoutedLoopbackServer) { self.server = server }

    /// The operation a request calls.
    static func operation(_ r: RoutedLoopbackServer.Request) -> String {
        r.header("X-Amz-Target").map { String($0.split(separator: ".").last ?? "") }
            ?? String(decoding: r.body, as: UTF8.self).split(separator: "&").first { $0.hasPrefix("Action=") }
                .map { String($0.dropFirst(7)) } ?? "?"
    }

    /// Serves `answers[operation]` (status 200); an unknown operation gets a 400 `UnknownOperationException`.
    static func start(_ answers: [String: String]) async throws -> AWSLoopbackServer {
        AWSLoopbackServer(server: try await RoutedLoopbackServer.start { request in
            answers[operation(request)].map { (200, $0) } ?? (400, #"{"__type":"UnknownOperationException"}"#)
        })
    }

    func stop() async { await server.stop() }
}
