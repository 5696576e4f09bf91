import AWSFormats
import AlarmDefinitions
import FleetApp
import FleetCore
import FleetDashboard
import FleetSources
import FleetTerminal
import FleetXML
import ProbeTargets
import Foundation

/// Every fuzz target: a name and a function that feeds one input to one reader. A reader may refuse
/// an input (that is its job); it must never trap, hang or print more than one line for an error.
/// The fuzzer (Fuzz/, scripts/fuzz.sh) and the regression test that replays what it found
/// (Tests/Fixtures/fuzz/TARGET/*, FuzzRegressionTests) share this table.
public enum FuzzTargets {
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("json", { bytes in expectOneLine { try CloudWatchFiles.checkJSON(bytes, file: "fuzz.json") } }),
        ("metric-data", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeMetricData(bytes, file: "fuzz.json") } }),
        ("metric-data-queries", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeMetricDataQueries(bytes, file: "fuzz.json") } }),
        ("metric-statistics", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeMetricStatistics(bytes, file: "fuzz.json") } }),
        ("describe-alarms", { bytes in
            var warnings: [String] = []
            expectOneLine { _ = try CloudWatchFiles.decodeAlarms(bytes, file: "fuzz.json", warnings: &warnings) }
        }),
        ("target-health", { bytes in
            var warnings: [String] = []
            expectOneLine { _ = try CloudWatchFiles.decodeTargetHealth(bytes, file: "fuzz.json", warnings: &warnings) }
        }),
        ("auto-scaling-groups", { bytes in
            var warnings: [String] = []
            expectOneLine { _ = try CloudWatchFiles.decodeAutoScalingGroups(bytes, file: "fuzz.json", warnings: &warnings) }
        }),
        ("instances", { bytes in
            var warnings: [String] = []
            expectOneLine { _ = try CloudWatchFiles.decodeEC2Instances(bytes, file: "fuzz.json", warnings: &warnings) }
        }),
        ("target-groups", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeTargetGroups(bytes, file: "fuzz.json") } }),
        ("scaling-activities", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeScalingActivities(bytes, file: "fuzz.json") } }),
        ("alarm-history", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeAlarmHistory(bytes, file: "fuzz.json") } }),
        ("instance-refreshes", { bytes in expectOneLine { _ = try CloudWatchFiles.decodeInstanceRefreshes(bytes, file: "fuzz.json") } }),
        ("scaling-policies", { bytes in
            var warnings: [String] = []
            expectOneLine { _ = try CloudWatchFiles.decodeScalingPolicies(bytes, file: "fuzz.json", warnings: &warnings) }
        }),
        ("hcl", { bytes in expectOneLine { _ = try HCLBody(parsing: text(bytes), file: "fuzz.tf") } }),
        ("terraform", { bytes in
            expectOneLine { _ = try TerraformAlarms.load(files: [("fuzz.tf", text(bytes))]) }
        }),
        ("terraform-scaling", { bytes in
            expectOneLine { _ = try TerraformScaling.load(files: [("fuzz.tf", text(bytes))]) }
        }),
        ("alarms-yaml", { bytes in expectOneLine { _ = try YAMLAlarmDefinitions.load(yaml: text(bytes), file: "fuzz.yaml") } }),
        ("alarms-json", { bytes in expectOneLine { _ = try DescribeAlarmsDefinitions.load(text: text(bytes), file: "fuzz.json") } }),
        ("config", { bytes in
            expectOneLine {
                let config = try FleetConfig.parse(text(bytes), file: "fuzz.yaml", baseDirectory: URL(fileURLWithPath: "/nonexistent"))
                let registry = SourceRegistry([MockSourceKind(), CloudWatchFilesSourceKind()])
                _ = try registry.poller(for: config, now: Date(timeIntervalSince1970: 1_764_000_000), mockPrefill: 0)
            }
        }),
        ("keys", { bytes in
            expectOneLine {
                let node = try ConfigNode.document(yaml: text(bytes), file: "keys.yaml", baseDirectory: URL(fileURLWithPath: "/"))
                _ = try KeyMapLoading.keyMap(configKeys: node, userFile: "/nonexistent/keys.yaml")
            }
        }),
        ("recording", { bytes in
            expectOneLine {
                // Half the inputs read as `snapshot --replay` does (each fleet's final state made at open).
                switch try RecordingReader.read(fileData: Data(bytes), name: "fuzz.fwrec", atEnd: bytes.count % 2 == 0) {
                case .one(let recording):
                    var player = ReplayPlayer(timeline: ReplayTimeline(recording))
                    player.seek(to: recording.end)
                case .fleets(let recording):
                    // Several fleets (version 3): every fleet to the end and back on the one clock.
                    var player = FleetsReplayPlayer(recording)
                    player.seek(to: recording.end)
                    player.seek(by: -player.seekStep)
                }
            }
        }),
        ("probe-targets", { bytes in expectOneLine { _ = try ProbeTargetsFile.parse(text(bytes), file: "targets.yaml") } }),
        ("theme", { bytes in
            _ = ThemeParser.parse(text(bytes), name: "fuzz", file: "fuzz.theme", base: nil)
        }),
        ("xml", { bytes in _ = XMLTree.parse(bytes)?.find("member")?.string("Code") }),
        ("keys-decoder", { bytes in
            // Two bytes per input: a character (< 0x80 or a code point from the next byte) or a key code.
            var inputs: [RawInput] = []
            var i = 0
            while i + 1 < bytes.count {
                let (a, b) = (UInt32(bytes[i]), UInt32(bytes[i + 1]))
                inputs.append(a & 0x80 == 0 ? .char(a << 8 | b) : .code(Int32(0o400 + (a & 0x7F) << 8 | b)))
                i += 2
            }
            _ = KeyDecoder.decode(inputs)
        }),
    ]

    /// The target named `name`.
    public static func target(_ name: String) -> (@Sendable ([UInt8]) -> Void)? { all.first { $0.name == name }?.run }

    /// The target named by FLEETWATCH_FUZZ_TARGET; exits with the list when it names none.
    public static let selected: @Sendable ([UInt8]) -> Void = {
        let name = ProcessInfo.processInfo.environment["FLEETWATCH_FUZZ_TARGET"] ?? ""
        guard let target = all.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data("fleetwatch-fuzz: set FLEETWATCH_FUZZ_TARGET to one of: \(all.map(\.name).joined(separator: " "))\n".utf8))
            exit(2)
        }
        return target.run
    }()

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Runs `body`; an error it throws must read as one line with no control character in it (the
    /// input errors are printed as they describe themselves).
    static func expectOneLine(_ body: () throws -> Void) {
        do { try body() } catch { expectOneLine("\(error)") }
    }

    static func expectOneLine(_ message: String) {
        if message.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
            fatalError("a message is not one safe line: \(message.debugDescription)")
        }
    }
}
