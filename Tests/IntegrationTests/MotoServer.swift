import FleetTestSupport
import Foundation
import Testing
@testable import FleetCloudWatch

/// A `moto_server` on 127.0.0.1 at a free port, started for one suite and terminated after it.
/// Missing from PATH is a failure with a clear message, never a skip (`.ci/run` installs it).
final class MotoServer: @unchecked Sendable {  // fields are set once in start()
    let port: Int
    let process: Process
    let logURL: URL
    var endpoint: String { "http://127.0.0.1:\(port)" }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A port nothing listens on now: bind port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Missing(description: "socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0 else { throw Missing(description: "bind() failed") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    init() throws {
        guard let exe = Self.findOnPath("moto_server") else {
            throw Missing(description: "moto_server is not on PATH: install it with `pip install 'moto[server]'` (.ci/run does)")
        }
        port = try Self.freePort()
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-moto-\(port).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        var env = ProcessInfo.processInfo.environment
        env["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
        process.environment = env
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

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

    func stop() {
        if process.isRunning {
            // moto_server's SIGTERM handler does not always stop werkzeug's threads: give it a
            // moment, then SIGKILL.
            process.terminate()
            for _ in 0..<20 where process.isRunning { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: logURL)
    }

    /// Runs `python3 seed.py` against the server; returns its JSON line.
    func seed(end: Date, iamUser: String?) throws -> [String: Any] {
        let script = FixtureFiles.path("moto/seed.py")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.findOnPath("python3") ?? "/usr/bin/python3")
        p.arguments = [script, endpoint, String(Int(end.timeIntervalSince1970))] + (iamUser.map { ["--iam-user", $0] } ?? [])
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Missing(description: "seeding moto failed: \(String(decoding: errData.suffix(600), as: UTF8.self))")
        }
        return object
    }
}

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
