import Foundation
import Testing
@testable import FleetCloudWatch

@Suite("CloudWatch API: errors in words, retries with backoff")
struct CloudWatchAPIErrorTests {
    static let creds = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                      sessionToken: "FwoGZXIvYXdzEXAMPLESESSIONTOKEN")

    static func assertNoSecrets(_ text: String) {
        #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!text.contains("wJalrXUtnFEMI"))
        #expect(!text.contains("FwoGZXIvYXdzEXAMPLE"))
        #expect(!text.contains("\n"))
    }

    /// A client whose transport answers from `answer` and records each request.
    static func client(_ service: AWSService = .cloudWatch, endpoint: AWSEndpoint? = nil, delays: DelayLog = DelayLog(),
                       answer: @escaping @Sendable (AWSHTTPRequest) throws -> AWSHTTPResponse) -> AWSClient {
        AWSClient(service: service, region: "us-east-1", endpoint: endpoint, transport: FakeTransport(answer),
                  retry: AWSRetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 8, jitter: { 0.5 },
                                        sleep: { await delays.add($0) }))
    }

    static func error(status: Int, json: String, headers: [(String, String)] = []) -> AWSHTTPResponse {
        AWSHTTPResponse(status: status, headers: headers, body: Array(json.utf8))
    }

    static func call(_ client: AWSClient) async -> AWSAPIError? {
        do {
            _ = try await client.post(operation: "GetMetricData", headers: [], body: [], credentials: creds)
            return nil
        } catch {
            return error as? AWSAPIError
        }
    }

    @Test func accessDeniedNamesTheMissingAction() async {
        let c = Self.client { _ in
            Self.error(status: 400, json: #"{"__type":"com.amazon.coral.service#AccessDeniedException","message":"User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action"}"#)
        }
        let e = await Self.call(c)
        #expect(e == .accessDenied(service: "cloudwatch", action: "cloudwatch:GetMetricData", keyId: "AKIA…(redacted)"))
        #expect(e?.description.contains("add cloudwatch:GetMetricData to its IAM policy") == true)
        Self.assertNoSecrets(e?.description ?? "")
    }

    @Test func accessDeniedInXMLWithoutActionFallsBackToTheOperation() async {
        let c = Self.client(.elbv2) { _ in
            Self.error(status: 403, json: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error></ErrorResponse>")
        }
        let e = await Self.call(c)
        #expect(e == .accessDenied(service: "elbv2", action: "elasticloadbalancing:GetMetricData", keyId: "AKIA…(redacted)"))
    }

    @Test(arguments: [
        ("ExpiredTokenException", "expired"),
        ("SignatureDoesNotMatch", "secret access key is wrong for access key AKIA…(redacted)"),
        ("InvalidClientTokenId", "does not know access key AKIA…(redacted)"),
        ("UnrecognizedClientException", "does not know access key"),
    ])
    func credentialErrorsAreNamed(code: String, phrase: String) async {
        let c = Self.client { _ in
            Self.error(status: 403, json: #"{"__type":"\#(code)","message":"The key AKIAIOSFODNN7EXAMPLE with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}"#)
        }
        let e = await Self.call(c)
        #expect(e?.description.contains(phrase) == true, "\(e?.description ?? "nil")")
        Self.assertNoSecrets(e?.description ?? "")
    }

    @Test func otherErrorsAreScrubbedOfCredentials() async {
        let c = Self.client { _ in
            Self.error(status: 400, json: #"{"__type":"InvalidParameterValue","message":"bad token FwoGZXIvYXdzEXAMPLESESSIONTOKEN for AKIAIOSFODNN7EXAMPLE"}"#)
        }
        let e = await Self.call(c)
        #expect(e?.description.contains("InvalidParameterValue") == true)
        Self.assertNoSecrets(e?.description ?? "")
    }

    @Test func nestedXMLErrorsAndSigningNamePrefixes() {
        let r = AWSErrorReply.parse(status: 403, headers: [], body: Array("""
            <?xml version="1.0" encoding="utf-8"?>
            <ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/u is not authorized to perform: monitoring:GetMetricData</Message></Error></Errors></ErrorResponse>
            """.utf8))
        #expect(r.code == "AccessDenied")
        #expect(AWSErrorReply.deniedAction(in: r.message) == "cloudwatch:GetMetricData")
    }

    @Test func queryCompatibleHeaderGivesTheCode() {
        let r = AWSErrorReply.parse(status: 400, headers: [("x-amzn-query-error", "Throttling;Sender")],
                                    body: Array(#"{"__type":"com.amazonaws.cloudwatch#ThrottlingException","message":"Rate exceeded"}"#.utf8))
        #expect(r.code == "Throttling")
        #expect(r.isRetryable)
    }

    @Test func throttlingRetriesWithExponentialBackoffAndJitterThenSucceeds() async throws {
        let log = DelayLog()
        let count = Counter()
        let c = Self.client(delays: log) { _ in
            if count.next() <= 3 { return Self.error(status: 400, json: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#) }
            return AWSHTTPResponse(status: 200, body: Array("{}".utf8))
        }
        _ = try await c.post(operation: "GetMetricData", headers: [], body: [], credentials: Self.creds)
        // Full jitter with jitter 0.5: half of 1, 2, 4 seconds.
        #expect(await log.delays == [0.5, 1, 2])
        #expect(count.value == 4)
    }

    @Test func throttlingGivesUpAfterMaxAttempts() async {
        let log = DelayLog()
        let c = Self.client(delays: log) { _ in AWSHTTPResponse(status: 429, body: []) }
        let e = await Self.call(c)
        #expect(e == .throttled(service: "cloudwatch", operation: "GetMetricData", attempts: 4))
        #expect(await log.delays.count == 3)
    }

    @Test func serviceUnavailableIsRetried() async throws {
        let count = Counter()
        let c = Self.client { _ in
            count.next() == 1 ? AWSHTTPResponse(status: 503, body: []) : AWSHTTPResponse(status: 200, body: [])
        }
        _ = try await c.post(operation: "DescribeAlarms", headers: [], body: [], credentials: Self.creds)
        #expect(count.value == 2)
    }

    @Test func backoffIsCapped() {
        let p = AWSRetryPolicy(baseDelay: 1, maxDelay: 8, jitter: { 0.999 })
        #expect(p.delay(retry: 10) < 8)
        #expect(p.delay(retry: 10) > 7.9)
    }

    @Test func dnsFailureOnAPublicEndpointBlamesTheRegion() async {
        let c = Self.client { _ in throw AWSTransportFailure.hostNotFound }
        let e = await Self.call(c)
        #expect(e == .unknownEndpoint(service: "cloudwatch", host: "monitoring.us-east-1.amazonaws.com", region: "us-east-1"))
        #expect(e?.description.contains("is the region 'us-east-1' right?") == true)
    }

    @Test func dnsFailureOnACustomEndpointSaysUnreachable() async {
        let c = Self.client(endpoint: AWSEndpoint(url: "https://vpce.example.internal")) { _ in throw AWSTransportFailure.hostNotFound }
        let e = await Self.call(c)
        #expect(e == .unreachable(service: "cloudwatch", endpoint: "https://vpce.example.internal", reason: "host name not found"))
    }

    @Test func transportClassification() {
        struct E: Error, CustomStringConvertible { var description: String }
        #expect(AWSTransportFailure.classify(E(description: "connect(descriptor:addr:size:): Connection refused (errno: 111)")) == .connectionRefused)
        #expect(AWSTransportFailure.classify(E(description: "dnsAError(NXDOMAIN)")) == .hostNotFound)
        #expect(AWSTransportFailure.classify(E(description: "HTTPClientError.connectTimeout")) == .timedOut)
    }

    @Test func regionNames() {
        for ok in ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-5"] {
            #expect(AWSEndpoint.isPlausibleRegion(ok), "\(ok)")
        }
        for bad in ["us-east", "useast1", "US-EAST-1", "us-east-1a", ""] {
            #expect(!AWSEndpoint.isPlausibleRegion(bad), "\(bad)")
        }
        #expect(AWSEndpoint.standard(.elbv2, region: "cn-north-1").host == "elasticloadbalancing.cn-north-1.amazonaws.com.cn")
    }
}

/// A transport that answers from a closure.
struct FakeTransport: AWSTransport {
    let answer: @Sendable (AWSHTTPRequest) throws -> AWSHTTPResponse
    init(_ answer: @escaping @Sendable (AWSHTTPRequest) throws -> AWSHTTPResponse) { self.answer = answer }
    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse { try answer(request) }
}

extension FakeTransport {
    /// AWS that throttles every GetMetricData (counted in `calls`) and answers anything else with an empty XML root.
    static func throttlingGetMetricData(counting calls: Counter) -> FakeTransport {
        FakeTransport { r in
            if r.header("X-Amz-Target")?.hasSuffix("GetMetricData") == true {
                calls.next()
                return AWSHTTPResponse(status: 400, headers: [("x-amzn-query-error", "Throttling;Sender")],
                                       body: Array(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8))
            }
            return AWSHTTPResponse(status: 200, body: Array("<R/>".utf8))
        }
    }
}

actor DelayLog {
    var delays: [Double] = []
    func add(_ d: Double) { delays.append(d) }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    var value: Int { lock.withLock { n } }
    @discardableResult func next() -> Int { lock.withLock { n += 1; return n } }
}
