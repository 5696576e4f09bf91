import FleetApp
import Foundation
import Testing

extension IntegrationSuites {
    /// `on_alarm: {command: [...]}` really runs: the program and its arguments as given (no shell
    /// built from data), the fleet, alarm and state in its environment, one at a time per pair.
    @Suite("on_alarm command") struct AlarmCommandTests {
        func waitFor(_ path: String, seconds: Double = 10) async throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("END\n") { return text }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("\(path) was not written within \(seconds) s")
            return ""
        }

        @Test("the command runs with FLEETWATCH_FLEET, _ALARM and _STATE, and data stays an argument")
        func runsWithEnvironment() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-onalarm-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("env.txt").path
            // The test's own script: it writes what it was given, then END.
            let script = dir.appendingPathComponent("record.sh").path
            try "#!/bin/sh\n{ echo \"arg=$1\"; env | grep '^FLEETWATCH_' | sort; echo END; } > \"$2\"\n"
                .write(toFile: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
            let runner = AlarmCommandRunner(argv: [script, "$(touch pwned); `x`", out])
            let fleet = "erato-backend; rm -rf /"
            let env = ["PATH": "/usr/bin:/bin"]  // fleetwatch's environment, plus the three
            #expect(runner.run(fleet: fleet, alarm: "erato-health-check-failures", state: "ALARM", environment: env) == nil)
            // While it runs, the same fleet and alarm start nothing more.
            let second = runner.run(fleet: fleet, alarm: "erato-health-check-failures", state: "ALARM", environment: env)
            #expect(second == nil || second!.hasPrefix("already running"))
            let text = try await waitFor(out)
            #expect(text == """
                arg=$(touch pwned); `x`
                FLEETWATCH_ALARM=erato-health-check-failures
                FLEETWATCH_FLEET=erato-backend; rm -rf /
                FLEETWATCH_STATE=ALARM
                END

                """)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path))
            // Once it has ended, the pair may run again.
            let deadline = Date().addingTimeInterval(10)
            while runner.runningCount > 0, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(runner.runningCount == 0)
        }

        @Test("one at a time per fleet and alarm: a slow command blocks only its own pair")
        func oneAtATime() async throws {
            let runner = AlarmCommandRunner(argv: ["sleep", "2"])
            #expect(runner.run(fleet: "a", alarm: "x", state: "ALARM") == nil)
            #expect(runner.run(fleet: "a", alarm: "x", state: "ALARM")?.hasPrefix("already running") == true)
            #expect(runner.run(fleet: "b", alarm: "x", state: "ALARM") == nil)
            #expect(runner.runningCount == 2)
            let deadline = Date().addingTimeInterval(10)
            while runner.runningCount > 0, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(runner.runningCount == 0)
        }

        @Test("a program that does not exist: a reason, nothing left running")
        func missingProgram() {
            let runner = AlarmCommandRunner(argv: ["/nonexistent/fleetwatch-notify"])
            let problem = runner.run(fleet: "a", alarm: "x", state: "ALARM")
            #expect(problem?.contains("could not run /nonexistent/fleetwatch-notify") == true)
            #expect(runner.runningCount == 0)
        }
    }
}
