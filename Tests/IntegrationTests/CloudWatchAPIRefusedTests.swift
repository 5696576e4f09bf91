import Testing
@testable import FleetCloudWatch

/// The real HTTP client against a real closed loopback port: a socket, so it is an integration test.
@Suite("CloudWatch API: a refused connection said plainly", .integration)
struct CloudWatchAPIRefusedTests {
    @Test func connectionRefusedAgainstARealClosedPort() async throws {
        // Nothing listens on port 1 of the loopback address: the kernel refuses at once.
        let c = AWSClient(service: .cloudWatch, region: "us-east-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:1"),
                          retry: AWSRetryPolicy(maxAttempts: 1))
        var error: AWSAPIError?
        do {
            _ = try await c.post(operation: "GetMetricData", headers: [], body: [],
                                 credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"))
        } catch let e as AWSAPIError {
            error = e
        }
        #expect(error == .unreachable(service: "cloudwatch", endpoint: "http://127.0.0.1:1", reason: "connection refused"))
    }
}
