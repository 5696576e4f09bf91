import Foundation

/// A `moto_server` on 127.0.0.1 at a free port, started for one suite and terminated after it.
/// Missing from PATH is a failure with a clear message, never a skip (`.ci/run` installs it).
/// The integration tests wait for it to answer with fleetwatch's own HTTP transport.
public final class MotoServer: @unchecked Sendable {  // fields are set once in start()
    public let port: Int
    public let process: Process
    public let logURL: URL
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A port nothing listens on now: bind port 0 and read what the kernel chose.
    public static func freePort() throws -> Int {
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

    /// `environment`: extra variables for the server (e.g. `MOTO_RECORDER_FILEPATH`).
    public init(environment extra: [String: String] = [:]) throws {
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
        env.merge(extra) { _, new in new }
        process.environment = env
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    public func stop() {
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
    public func seed(end: Date, iamUser: String?) throws -> [String: Any] {
        try seed(script: "moto/seed.py", [String(Int(end.timeIntervalSince1970))] + (iamUser.map { ["--iam-user", $0] } ?? []))
    }

    /// Runs `python3 Tests/Fixtures/<script> ENDPOINT arguments…` against the server; returns its JSON line.
    public func seed(script: String, _ arguments: [String]) throws -> [String: Any] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.findOnPath("python3") ?? "/usr/bin/python3")
        p.arguments = [FixtureFiles.path(script), endpoint] + arguments
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

