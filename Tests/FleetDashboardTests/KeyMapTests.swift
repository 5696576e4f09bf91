import FleetCore
@testable import FleetDashboard
import Foundation
import Testing

@Suite("The key map")
struct KeyMapTests {
    @Test("the standard map gives no key two actions in one mode")
    func standardHasNoConflicts() throws {
        _ = try KeyMap.standard.rebinding([])
        for mode in KeyMode.allCases {
            var seen: [Key: DashboardAction] = [:]
            for b in KeyMap.standard.bindings where b.modes.contains(mode) {
                for key in b.keys {
                    #expect(seen[key] == nil, "\(key) in \(mode)")
                    seen[key] = b.action
                }
            }
        }
    }

    @Test("every action has a binding, and key names read back")
    func everyActionBound() {
        for action in DashboardAction.allCases {
            #expect(!KeyMap.standard.keys(for: action).isEmpty, "\(action)")
        }
        for binding in KeyMap.standard.bindings {
            for key in binding.keys {
                let name = key == .char(" ") ? "space" : key.longName
                    .replacingOccurrences(of: "Ctrl-", with: "ctrl+").replacingOccurrences(of: "Shift-Tab", with: "shift+tab")
                    .replacingOccurrences(of: "←", with: "left").replacingOccurrences(of: "→", with: "right")
                    .replacingOccurrences(of: "↑", with: "up").replacingOccurrences(of: "↓", with: "down")
                #expect(Key(name: name) == key, "\(name)")
            }
        }
    }

    @Test("key names", arguments: [
        ("q", Key.char("q")), ("Q", .char("Q")), ("+", .char("+")), ("space", .char(" ")), ("ctrl+c", .ctrl("c")),
        ("Ctrl-X", .ctrl("x")), ("enter", .enter), ("ESC", .escape), ("shift+tab", .backTab), ("pgdn", .pageDown),
        ("f5", .function(5)), ("left", .left),
    ])
    func names(name: String, key: Key) {
        #expect(Key(name: name) == key)
    }

    @Test("unknown key names", arguments: ["", "ctrl+", "ctrl+1", "f13", "shift+q", "left arrow", "\t"])
    func badNames(name: String) {
        #expect(Key(name: name) == nil)
    }

    @Test("rebinding replaces an action's keys; update, status line and help follow")
    func rebinding() throws {
        let map = try KeyMap.standard.rebinding([
            KeyOverride(action: "quit", keys: [("k", 2), ("ctrl+c", 2)], line: 2),
            KeyOverride(action: "zoom_in", keys: [("i", 3)], line: 3),
        ])
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.keyMap = map
        #expect(s.update(.key(.char("q"))).isEmpty)
        #expect(s.update(.key(.char("k"))) == [.quit])
        s.update(.key(.char("i")))
        #expect(s.windowSeconds == 1800)
        s.update(.key(.char("+")))
        #expect(s.windowSeconds == 1800)
        let bottom = s.view().text.components(separatedBy: "\n").last ?? ""
        #expect(bottom.hasPrefix(" k quit  ? help  p pause  i/- zoom"))
        s.update(.key(.char("?")))
        #expect(s.view().text.contains("k, Ctrl-C"))
    }

    @Test("an unknown action, an unknown key, two actions on one key: errors at their line")
    func errors() {
        func error(_ overrides: [KeyOverride]) -> KeyMapError? {
            do { _ = try KeyMap.standard.rebinding(overrides); return nil } catch { return error }
        }
        #expect(error([KeyOverride(action: "explode", keys: [("e", 4)], line: 4)])?.line == 4)
        #expect(error([KeyOverride(action: "explode", keys: [], line: 4)])?.message.hasPrefix("unknown action 'explode'") == true)
        let badKey = error([KeyOverride(action: "quit", keys: [("q", 5), ("ctrl+shift+q", 6)], line: 5)])
        #expect(badKey?.line == 6)
        #expect(badKey?.message.hasPrefix("quit: unknown key name 'ctrl+shift+q'") == true)
        let clash = error([KeyOverride(action: "theme", keys: [("s", 9)], line: 9)])
        #expect(clash == KeyMapError(line: 9, message: "key 's' is bound to both stack and theme in live mode"))
        #expect(clash?.described(file: "keys.yaml") == "keys.yaml:9: key 's' is bound to both stack and theme in live mode")
        // Different modes may share a key: `s` stacks live and cycles the statistic in the preview.
        #expect(error([KeyOverride(action: "statistic", keys: [("s", 3)], line: 3)]) == nil)
        #expect(error([KeyOverride(action: "quit", keys: [], line: 1)])?.message == "quit needs at least one key")
    }

    @Test("replay help lists the replay keys and a; the preview's help its own keys")
    func helpPerMode() {
        let replay = KeyMap.standard.helpRows(for: .replay).map(\.keys)
        #expect(replay.contains("a") && replay.contains("[") && replay.contains("Home"))
        #expect(!replay.contains("←, →"))
        let live = KeyMap.standard.helpRows(for: .live)
        #expect(live.contains { $0.keys == "←, →" && $0.text == "move focus across" })
        let preview = KeyMap.standard.helpRows(for: .preview).map(\.keys)
        #expect(preview.contains("n") && preview.contains("Esc, a") && !preview.contains("+, ="))
    }
}

@Suite("Notices")
struct NoticeTests {
    @Test("'no alarms to preview' goes at the next key and the key hints come back")
    func goesAtNextKey() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        s.fleet.alarms = []
        s.update(.key(.char("a")))
        #expect(s.notice?.hasPrefix("no alarms to preview") == true)
        #expect(s.view().text.contains("no alarms to preview"))
        s.update(.key(.char("t")))
        #expect(s.notice == nil)
        let bottom = s.view().text.components(separatedBy: "\n").last ?? ""
        #expect(bottom.hasPrefix(" q quit  ? help"))
    }

    @Test("a notice goes at the first tick past its lifetime; replaying, at the wall clock's")
    func expires() {
        var s = Fixtures.dashboard(width: 160, height: 48)
        let t0 = s.wallClock
        s.post("theme file: bad colour")
        s.update(.tick(now: t0.addingTimeInterval(Notice.lifetime)))
        #expect(s.notice == "theme file: bad colour")
        s.update(.tick(now: t0.addingTimeInterval(Notice.lifetime + 1)))
        #expect(s.notice == nil)

        s.replay = ReplayStatus(elapsed: 0, duration: 7200, speed: 600, paused: false)
        s.post("recording: 2 lines skipped")
        s.update(.tick(now: t0.addingTimeInterval(3600)))        // the recording's clock races on
        #expect(s.notice != nil)
        s.update(.clock(t0.addingTimeInterval(2 * Notice.lifetime + 2)))
        #expect(s.notice == nil)
    }
}
