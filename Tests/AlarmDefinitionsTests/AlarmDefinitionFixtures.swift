import Foundation

/// Paths of the alarm-definition fixtures in `Fixtures/alarms/`, found next to this file.
enum AlarmDefinitionFixtures {
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures/alarms").path
    }()

    static func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}
