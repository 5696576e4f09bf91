import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// What the suite's tests share: the server and what was seeded.
struct MotoFleet: Sendable {
    let server: MotoServer
    let end: Date
    let seeded: [String: String]
    let instanceIds: [String]

    @TaskLocal static var current: MotoFleet?

    static func require() throws -> MotoFleet {
        guard let fleet = current else { throw MotoServer.Missing(description: "no moto server (suite trait missing)") }
        return fleet
    }
}

/// Starts moto, seeds the fleet once, runs the whole suite, then terminates the server.
struct MotoFleetTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try MotoServer()
        defer { server.stop() }
        try await server.waitUntilReady()
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let seeded = try server.seed(end: end, iamUser: "fleetwatch-ro")
        let fleet = MotoFleet(server: server, end: end,
                              seeded: seeded.compactMapValues { $0 as? String },
                              instanceIds: (seeded["instances"] as? [[String: String]] ?? []).compactMap { $0["id"] })
        try await MotoFleet.$current.withValue(fleet) { try await function() }
    }
}

extension Trait where Self == MotoFleetTrait {
    static var motoFleet: MotoFleetTrait { MotoFleetTrait() }
}

extension MotoServer {
    /// Waits until the server answers HTTP (at most `timeout` seconds).
    func waitUntilReady(timeout: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        let transport = AsyncHTTPTransport(timeout: .seconds(2))
        while Date() < deadline {
            guard process.isRunning else {
                let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
                throw Missing(description: "moto_server exited early: \(log.suffix(400))")
            }
            if let r = try? await transport.send(AWSHTTPRequest(method: "GET", url: "\(endpoint)/moto-api/data.json", headers: [], body: [])),
               r.status == 200 { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw Missing(description: "moto_server did not answer on port \(port) within \(Int(timeout)) s")
    }

    /// Turns request authentication on (`0`: from now on) or off (a huge count).
    func setAuthentication(on: Bool) async throws {
        let r = try await AsyncHTTPTransport().send(AWSHTTPRequest(
            method: "POST", url: "\(endpoint)/moto-api/reset-auth", headers: [], body: Array((on ? "0" : "1000000000").utf8)))
        #expect(r.status == 200)
    }
}
