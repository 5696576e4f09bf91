import FleetCore
import Foundation

extension AWSCredentialChain {
    /// `credential_process = /opt/bin/awscreds --username helen`: runs the command (split into
    /// words as the AWS CLI does on POSIX, never through a shell) with stdin closed, and reads the
    /// JSON it prints (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html):
    /// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": RFC 3339}`.
    /// Kept until shortly before `Expiration` (forever without one). Output is bounded to 1 MiB and
    /// the run to ``processTimeout``; a failure is one line naming the profile and the program, and
    /// never shows what it printed (stdout holds the secret; the CLI guide warns stderr may too).
    func processCredentials(profile: String, command: String) async throws -> AWSCredentials {
        let words = try CredentialProcess.split(command, profile: profile)
        let key = "process|\(configFile)|\(credentialsFile)|\(profile)|\(command)"
        return try await cache.credentials(for: key, now: now()) {
            let program = CredentialProcess(words: words, environment: self.environment, timeout: self.processTimeout)
            let output = try await program.run(profile: profile)
            let creds = try CredentialProcess.parse(output, profile: profile, program: program.name)
            if let expiration = creds.expiration, expiration <= self.now() {
                throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process \(program.name) gave credentials that expired at \(ISOTime.string(expiration))")
            }
            return creds
        }
    }
}

/// One run of a `credential_process` command.
struct CredentialProcess: Sendable {
    var words: [String]
    var environment: [String: String]
    var timeout: Double
    static let maxOutput = 1 << 20

    /// The program's file name, safe to show (arguments may hold secrets; they are never shown).
    var name: String { SafeText.line(String(words[0].split(separator: "/").last ?? "")) }

    /// Splits a command line into words as Python's `shlex.split` does: the CLI guide gives only
    /// the quoting rules (double quotes around a path or value with spaces), and botocore splits
    /// with `shlex.split` on POSIX (`compat_shell_split`). Blanks separate words; `'…'` is literal; in `"…"` a backslash escapes only `\`, `"`,
    /// `$`, `` ` `` and newline; elsewhere a backslash escapes the next character.
    static func split(_ command: String, profile: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var chars = command.makeIterator()
        while let c = chars.next() {
            switch quote {
            case "'":
                if c == "'" { quote = nil } else { word.append(c) }
            case "\"":
                if c == "\"" { quote = nil } else if c == "\\" {
                    guard let next = chars.next() else { quote = "?"; break }
                    if "\\\"$`\n".contains(next) { word.append(next) } else { word.append(c); word.append(next) }
                } else { word.append(c) }
            default:
                if c == " " || c == "\t" || c == "\n" || c == "\r" {
                    if inWord { words.append(word); word = ""; inWord = false }
                } else if c == "'" || c == "\"" {
                    quote = c
                    inWord = true
                } else if c == "\\" {
                    guard let next = chars.next() else { quote = "?"; break }
                    word.append(next)
                    inWord = true
                } else {
                    word.append(c)
                    inWord = true
                }
            }
        }
        guard quote == nil else {
            throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process has an unclosed quote or a trailing backslash")
        }
        if inWord { words.append(word) }
        guard !words.isEmpty else { throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process is empty") }
        return words
    }

    /// The program to start: a path as given, else the first match on `PATH`.
    func executable(profile: String) throws -> String {
        let program = words[0]
        if program.contains("/") { return program }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process \(name) is not on PATH")
    }

    /// Runs the program; its standard output, or an error for a start failure, a non-zero exit,
    /// a timeout or too much output.
    func run(profile: String) async throws -> Data {
        let path = try executable(profile: profile)
        let name = self.name
        let outcome: Outcome = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.runBlocking(path: path) })
            }
        }
        switch outcome {
        case .finished(let status, let output) where status == 0: return output
        case .finished(let status, _):
            throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process \(name) exited with status \(status)")
        case .timedOut:
            throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process \(name) did not finish within \(Int(timeout.rounded(.up))) s")
        case .tooMuchOutput:
            throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process \(name) printed more than \(Self.maxOutput >> 20) MiB")
        case .couldNotStart(let reason):
            throw AWSAPIError.credentialSource(profile: profile, detail: "credential_process \(name) could not start (\(reason))")
        }
    }

    enum Outcome: Sendable {
        case finished(Int32, Data)
        case timedOut
        case tooMuchOutput
        case couldNotStart(String)
    }

    /// Why the run was stopped, set by the timer or the reader.
    private final class Stop: @unchecked Sendable {  // guarded by its lock
        private let lock = NSLock()
        private var reason: Outcome?
        func set(_ r: Outcome) -> Bool { lock.withLock { guard reason == nil else { return false }; reason = r; return true } }
        var value: Outcome? { lock.withLock { reason } }
    }

    /// The running program, for the timer's thread: signals only while it has not been reaped, so
    /// a late signal never reaches a process that reused its id.
    private final class Child: @unchecked Sendable {  // Process.isRunning is safe to read across threads
        let process: Process
        init(_ process: Process) { self.process = process }
        func signal(_ sig: Int32) {
            if process.isRunning { kill(process.processIdentifier, sig) }
        }
    }

    private func runBlocking(path: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(words.dropFirst())
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .couldNotStart(SafeText.line((error as NSError).localizedDescription).prefix(120).description)
        }
        let stop = Stop()
        let child = Child(process)
        let timer = DispatchWorkItem {
            guard stop.set(.timedOut) else { return }
            child.signal(SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { child.signal(SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        var output = Data()
        let reader = out.fileHandleForReading
        while let chunk = try? reader.read(upToCount: 64 * 1024), !chunk.isEmpty {
            output.append(chunk)
            if output.count > Self.maxOutput {
                if stop.set(.tooMuchOutput) { child.signal(SIGKILL) }
                break
            }
        }
        try? reader.close()
        process.waitUntilExit()
        timer.cancel()
        if let reason = stop.value { return reason }
        return .finished(process.terminationStatus, output)
    }

    /// Reads the JSON the program printed. Errors name the missing field, never a value.
    static func parse(_ output: Data, profile: String, program: String) throws -> AWSCredentials {
        func fail(_ what: String) -> AWSAPIError {
            .credentialSource(profile: profile, detail: "credential_process \(program) printed \(what)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw fail("no JSON object")
        }
        guard let version = object["Version"] as? Int, version == 1 else { throw fail("no \"Version\": 1") }
        guard let id = object["AccessKeyId"] as? String, !id.isEmpty else { throw fail("no AccessKeyId") }
        guard let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else { throw fail("no SecretAccessKey") }
        let token = (object["SessionToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = ISOTime.parse(text) else { throw fail("an Expiration that is not an RFC 3339 time") }
            expiration = date
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token, expiration: expiration,
                              origin: "credential_process of profile \(profile)")
    }
}
