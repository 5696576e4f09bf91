import FleetXML
import Foundation

/// Retries with exponential backoff and full jitter (AWS's advice): the n-th retry waits a random
/// fraction of `min(cap, base·2ⁿ)`. The random source is injectable so tests see exact delays.
public struct AWSRetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// Returns a number in [0, 1).
    public var jitter: @Sendable () -> Double
    /// Waits `seconds` (tests record instead of sleeping).
    public var sleep: @Sendable (Double) async throws -> Void

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.25, maxDelay: Double = 8,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.sleep = sleep
    }

    /// The wait before retry number `retry` (0 for the first retry).
    public func delay(retry: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(min(retry, 30))))
        return ceiling * min(max(jitter(), 0), 1)
    }
}

/// Signs, sends and retries requests to one AWS service, and puts failures in words.
public struct AWSClient: Sendable {
    public var service: AWSService
    public var region: String
    public var endpoint: AWSEndpoint
    public var transport: any AWSTransport
    public var retry: AWSRetryPolicy
    /// Wall time for signatures.
    public var now: @Sendable () -> Date

    public init(service: AWSService, region: String, endpoint: AWSEndpoint? = nil,
                transport: any AWSTransport = AsyncHTTPTransport(), retry: AWSRetryPolicy = AWSRetryPolicy(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.service = service
        self.region = region
        self.endpoint = endpoint ?? .standard(service, region: region)
        self.transport = transport
        self.retry = retry
        self.now = now
    }

    /// Sends `POST /` with `body` and `headers`, signed with `credentials`; returns the 2xx answer.
    /// Throttling and 5xx answers are retried with backoff; everything else becomes an ``AWSAPIError``.
    public func post(operation: String, headers: [(String, String)], body: [UInt8],
                     credentials: AWSCredentials) async throws -> AWSHTTPResponse {
        let signer = SigV4Signer(credentials: credentials, region: region, service: service.signingName)
        var attempt = 0
        while true {
            attempt += 1
            let signed = signer.sign(SigV4Signer.Request(method: "POST", host: endpoint.hostHeader, path: "/",
                                                         headers: headers, body: body), at: now())
            let request = AWSHTTPRequest(method: "POST", url: "\(endpoint)/", headers: signed.headers, body: body)
            let response: AWSHTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                let failure = AWSTransportFailure.classify(error)
                if failure == .hostNotFound, !endpoint.isCustom {
                    throw AWSAPIError.unknownEndpoint(service: service.displayName, host: endpoint.host, region: region)
                }
                if failure == .timedOut, attempt < retry.maxAttempts {
                    try await retry.sleep(retry.delay(retry: attempt - 1))
                    continue
                }
                throw AWSAPIError.unreachable(service: service.displayName, endpoint: endpoint.description,
                                              reason: credentials.scrub(failure.reason))
            }
            if (200..<300).contains(response.status) { return response }
            let reply = AWSErrorReply.parse(status: response.status, headers: response.headers, body: response.body)
            if reply.isRetryable, attempt < retry.maxAttempts {
                try await retry.sleep(retry.delay(retry: attempt - 1))
                continue
            }
            throw reply.error(service: service, operation: operation, credentials: credentials, attempts: attempt)
        }
    }

    /// An AWS JSON 1.0 call: `X-Amz-Target: <prefix>.<operation>`, JSON in and out.
    public func json<Output: Decodable>(target prefix: String, operation: String, input: some Encodable,
                                        credentials: AWSCredentials, as: Output.Type) async throws -> Output {
        let body = try await jsonBody(target: prefix, operation: operation, input: input, credentials: credentials)
        do {
            return try JSONDecoder().decode(Output.self, from: Data(body))
        } catch {
            throw AWSAPIError.badResponse(service: service.displayName, operation: operation,
                                          detail: "not the JSON expected: \(Self.brief(error))")
        }
    }

    /// An AWS JSON 1.0 call whose answer is read by one of the AWS-format decoders: the raw body.
    public func jsonBody(target prefix: String, operation: String, input: some Encodable,
                         credentials: AWSCredentials) async throws -> [UInt8] {
        let body = Array(try JSONEncoder().encode(input))
        let response = try await post(operation: operation, headers: [
            ("Content-Type", "application/x-amz-json-1.0"),
            ("X-Amz-Target", "\(prefix).\(operation)"),
        ], body: body, credentials: credentials)
        return response.body
    }

    /// A Query-protocol call: form-encoded `Action`, `Version` and parameters; the XML answer's root.
    public func query(action: String, version: String, parameters: [(String, String)],
                      credentials: AWSCredentials) async throws -> XMLTree {
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(SigV4Signer.uriEncode($0.0))=\(SigV4Signer.uriEncode($0.1))" }.joined(separator: "&")
        let response = try await post(operation: action, headers: [
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        ], body: Array(form.utf8), credentials: credentials)
        guard let root = XMLTree.parse(response.body) else {
            throw AWSAPIError.badResponse(service: service.displayName, operation: action, detail: "not well-formed XML")
        }
        return root
    }

    static func brief(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let c): return c.debugDescription.prefix(80).description
        default: return String(describing: error).prefix(80).description
        }
    }
}
