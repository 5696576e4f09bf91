import FleetFuzzTargets
import FleetTestSupport
import Foundation
import Testing

/// Replays every input a fuzzer found a crash with (Tests/Fixtures/fuzz/TARGET/NAME, named for the
/// fuzz target in FleetFuzzTargets) through that target: each must now be read or refused, never trap.
@Suite struct FuzzRegressionTests {
    static let root = FixtureFiles.url("fuzz")

    static var inputs: [String] {
        let fm = FileManager.default
        let targets = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        return targets.sorted().flatMap { target -> [String] in
            let files = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? []
            return files.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { "\(target)/\($0)" }
        }
    }

    @Test func everyFolderNamesATarget() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.root.path).filter { !$0.hasSuffix(".md") }
        #expect(!targets.isEmpty)
        for target in targets { #expect(FuzzTargets.target(target) != nil, "no fuzz target \(target)") }
    }

    @Test("a found input is read or refused", arguments: inputs)
    func replay(_ input: String) throws {
        let target = String(input.prefix { $0 != "/" })
        let run = try #require(FuzzTargets.target(target))
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(input)))
        run(bytes)
    }
}
