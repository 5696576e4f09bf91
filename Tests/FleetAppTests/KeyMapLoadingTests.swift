import FleetApp
import FleetDashboard
import FleetSources
import Foundation
import Testing

@Suite("Keys from a configuration's keys: section")
struct KeyMapLoadingTests {
    static let noUserFile = "/nonexistent/fleetwatch/keys.yaml"

    func config(_ keys: String, mouse: String = "") throws -> FleetConfig {
        try FleetConfig.parse("sources:\n  - kind: mock\n" + mouse + "keys:\n" + keys, file: "fw.yaml",
                              baseDirectory: URL(fileURLWithPath: "/tmp"))
    }

    @Test("keys: rebinds actions; mouse: true is kept")
    func rebinds() throws {
        let c = try config("  quit: [k, ctrl+c]\n  zoom_in: [\"+\", \"=\", i]\n  help: \"?\"\n", mouse: "mouse: true\n")
        #expect(c.mouse)
        let map = try KeyMapLoading.keyMap(configKeys: c.keys, userFile: Self.noUserFile)
        #expect(map.keys(for: .quit) == [.char("k"), .ctrl("c")])
        #expect(map.keys(for: .zoomIn) == [.char("+"), .char("="), .char("i")])
        #expect(map.keys(for: .help) == [.char("?")])
        #expect(map.action(for: .char("q"), in: .live) == nil)
    }

    @Test("errors name the file and the line", arguments: [
        ("  quit: [k]\n  explode: [e]\n", "fw.yaml:5: unknown action 'explode'"),
        ("  quit:\n    - k\n    - ctrl+shift+k\n", "fw.yaml:6: quit: unknown key name 'ctrl+shift+k'"),
        ("  theme: [s]\n", "fw.yaml:4: key 's' is bound to both stack and theme in live mode"),
    ])
    func errors(keys: String, message: String) throws {
        let c = try config(keys)
        #expect {
            try KeyMapLoading.keyMap(configKeys: c.keys, userFile: Self.noUserFile)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("the user's keys.yaml, then the configuration's keys: on top")
    func userFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("keys.yaml").path
        try "theme: [T]\nglyphs: [G]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let map = try KeyMapLoading.keyMap(configKeys: try config("  glyphs: [y]\n").keys, userFile: file)
        #expect(map.keys(for: .theme) == [.char("T")])
        #expect(map.keys(for: .glyphs) == [.char("y")])
        #expect(KeyMapLoading.userKeysPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/fleetwatch/keys.yaml")
        #expect(KeyMapLoading.userKeysPath(environment: ["HOME": "/h"]) == "/h/.config/fleetwatch/keys.yaml")
    }
}
