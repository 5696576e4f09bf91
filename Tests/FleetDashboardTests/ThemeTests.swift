import FleetTestSupport
import Foundation
@testable import FleetDashboard
import Testing

@Suite("Themes")
struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: FixtureFiles.repositoryPath("Themes"))

    @Test("every built-in theme parses without a warning and sets every key")
    func builtins() throws {
        for name in BuiltinThemes.names {
            let text = try #require(BuiltinThemes.text(named: name))
            let (theme, warnings) = ThemeParser.parse(text, name: name, file: "\(name).theme", base: nil)
            #expect(warnings.isEmpty, "\(name): \(warnings)")
            for role in ThemeRole.allCases {
                #expect(theme.entries[role] != nil, "\(name) lacks \(role.rawValue)")
            }
        }
    }

    @Test("the embedded themes are the files in Themes/ (run scripts/embed-themes.sh after editing)")
    func embeddedMatchFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDir.path)
            .filter { $0.hasSuffix(".theme") }.sorted()
        #expect(files.count >= 4)
        for file in files {
            let name = String(file.dropLast(6))
            let onDisk = try String(contentsOf: Self.themesDir.appendingPathComponent(file), encoding: .utf8)
            #expect(BuiltinThemes.text(named: name).map { $0 + "\n" } == onDisk, "\(file) differs from the embedded copy")
        }
    }

    @Test("the monochrome theme uses no colour at all")
    func monochrome() throws {
        let theme = try #require(BuiltinThemes.theme(named: "monochrome"))
        for role in ThemeRole.allCases {
            #expect(theme.entries[role]?.fg == .default && theme.entries[role]?.bg == .default, "\(role)")
        }
    }

    @Test("values: colours, short hex, indices, attributes", arguments: [
        ("#ff8000", Style(fg: .rgb(255, 128, 0))),
        ("#F80", Style(fg: .rgb(255, 136, 0))),
        ("208", Style(fg: .indexed(208))),
        ("default bold", Style(attributes: .bold)),
        ("#000000 bold reverse", Style(fg: .rgb(0, 0, 0), attributes: [.bold, .reverse])),
        ("underline,dim", Style(attributes: [.underline, .dim])),
        ("", Style()),
    ])
    func values(text: String, expected: Style) throws {
        let (theme, warnings) = ThemeParser.parse("theme[title]=\"\(text)\"", name: "t", file: "t.theme", base: nil)
        #expect(warnings.isEmpty)
        #expect(theme.entries[.title] == expected)
    }

    @Test("a missing key falls back to the default; unknown keys and bad values warn with file and line")
    func badFile() {
        let text = """
            # my theme
            theme[title]="#ff0000"
            theme[no_such_key]="#00ff00"

            theme[healthy]="#12345"
            theme[border]="bright-red"
            this is not a theme line
            theme[label]="#010203 blinking"
            """
        let (theme, warnings) = ThemeParser.parse(text, name: "mine", file: "/tmp/mine.theme", base: BuiltinThemes.fallback)
        #expect(theme.entries[.title] == Style(fg: .rgb(255, 0, 0)))
        #expect(theme.entries[.healthy] == BuiltinThemes.fallback.entries[.healthy])
        #expect(theme.entries[.unhealthy] == BuiltinThemes.fallback.entries[.unhealthy])
        #expect(warnings.map(\.line) == [3, 5, 6, 7, 8])
        #expect(warnings.map(\.description).first == "/tmp/mine.theme:3: unknown key 'no_such_key'")
        #expect(warnings.allSatisfy { $0.description.hasPrefix("/tmp/mine.theme:") && !$0.description.contains("\n") })
    }

    @Test("lookup: user folder first, then built-in; paths are read directly; unknown names fail clearly")
    func lookup() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("fw-theme-\(UUID().uuidString)")
        let dir = tmp.appendingPathComponent("fleetwatch/themes")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try "theme[title]=\"#010101\"\n".write(to: dir.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": tmp.path, "HOME": "/nonexistent"])
        let (user, _) = try loader.load("light")
        #expect(user.entries[.title] == Style(fg: .rgb(1, 1, 1)))
        let (builtin, _) = try loader.load("high-contrast")
        #expect(builtin.name == "high-contrast")
        let (byPath, _) = try loader.load(dir.appendingPathComponent("light.theme").path)
        #expect(byPath.entries[.title] == Style(fg: .rgb(1, 1, 1)))
        #expect(throws: ThemeLoader.NotFound.self) { try loader.load("nope") }
        #expect(throws: ThemeLoader.Unreadable.self) { try loader.load("/nonexistent/x.theme") }
    }

    @Test("a FIFO in the user's themes folder is refused by name, not waited on (issue 17)")
    func fifoTheme() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("fw-theme-\(UUID().uuidString)")
        let dir = tmp.appendingPathComponent("fleetwatch/themes")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(mkfifo(dir.appendingPathComponent("pipe.theme").path, 0o600) == 0)
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": tmp.path, "HOME": "/nonexistent"])
        let error = try #require(throws: ThemeLoader.Unreadable.self) { try loader.load("pipe") }
        #expect(error.description.hasSuffix("pipe.theme: cannot read theme: is a FIFO (named pipe), not a regular file"))
    }
}
