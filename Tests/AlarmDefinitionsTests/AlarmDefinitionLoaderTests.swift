import Foundation
import FleetCore
@testable import AlarmDefinitions
import Testing

@Suite struct AlarmDefinitionLoaderTests {
    @Test func formatByExtensionThenContent() {
        #expect(AlarmDefinitionLoader.format(fileName: "alarms.tf", text: "{") == .terraform)
        #expect(AlarmDefinitionLoader.format(fileName: "out.JSON", text: "") == .describeAlarms)
        #expect(AlarmDefinitionLoader.format(fileName: "a.yml", text: "{}") == .yaml)
        #expect(AlarmDefinitionLoader.format(fileName: "alarms", text: "  \n{\"MetricAlarms\": []}") == .describeAlarms)
        #expect(AlarmDefinitionLoader.format(fileName: "alarms", text: "# tf\nresource \"aws_cloudwatch_metric_alarm\" \"a\" {}") == .terraform)
        #expect(AlarmDefinitionLoader.format(fileName: "alarms", text: "alarms: []") == .yaml)
    }

    @Test func missingPathAndEmptyDirectory() throws {
        let missing = "/nonexistent/alarms.tf"
        #expect(throws: InputError(file: missing, message: "no such file or directory")) {
            try AlarmDefinitionLoader.load(path: missing)
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("alarmdefs-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: InputError(file: directory, message: "no .tf files in this directory")) {
            try AlarmDefinitionLoader.load(path: directory)
        }
    }

    @Test func sizeLimitIsCheckedBeforeReading() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alarmdefs-big-\(UUID().uuidString).tf").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(AlarmDefinitionLoader.maxBytes + 1))  // sparse: nothing to read
        try handle.close()
        #expect(throws: InputError(
            file: path, message: "\(AlarmDefinitionLoader.maxBytes + 1) bytes is larger than the 16 MiB limit for alarm definitions; not read")) {
            try AlarmDefinitionLoader.load(path: path)
        }
    }

    @Test func garbageNeverCrashes() {
        // Every prefix of the real fixtures, and some hostile bytes, load or fail with a one-line error.
        var inputs: [(String, String)] = []
        for name in ["erato.tf", "describe-alarms.json", "fleetwatch.yaml"] {
            guard let text = try? String(contentsOfFile: AlarmDefinitionFixtures.path(name), encoding: .utf8) else {
                Issue.record("cannot read \(name)")
                continue
            }
            let scalars = Array(text.unicodeScalars)
            for cut in stride(from: 0, to: scalars.count, by: 37) {
                var prefix = ""
                prefix.unicodeScalars.append(contentsOf: scalars[..<cut])
                inputs.append((name, prefix))
            }
        }
        inputs += [("x.tf", "\"\\"), ("x.tf", "a = \"${\"${\""), ("x.tf", "<<"), ("x.tf", "a = <<-\n"), ("x.tf", "a = -"),
                   ("x.tf", "a = [for x in y : x"), ("x.tf", "resource \"aws_cloudwatch_metric_alarm\" {}"),
                   ("x.tf", "a = \"\u{1b}[2J\""), ("x.json", "{\"MetricAlarms\": [1, null, \"x\"]}"), ("x.yaml", "alarms: [[1]]"),
                   ("x.tf", "a = " + String(repeating: "[", count: 20_000)),
                   ("x.tf", "a = " + String(repeating: "-", count: 20_000) + "1"),
                   ("x.tf", String(repeating: "b {\n", count: 10_000)),
                   ("x.json", String(repeating: "[", count: 20_000)),
                   ("x.yaml", "alarms: " + String(repeating: "[", count: 20_000))]
        for (name, text) in inputs {
            let format = AlarmDefinitionLoader.format(fileName: name, text: text)
            do {
                _ = try AlarmDefinitionLoader.load(text: text, file: name, format: format)
            } catch let error as InputError {
                #expect(!error.description.contains("\n"), "\(error)")
                #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B }, "\(error)")
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
    }
}
