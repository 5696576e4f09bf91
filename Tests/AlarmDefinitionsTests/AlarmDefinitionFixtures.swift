import FleetTestSupport
import Foundation

/// Paths of the alarm-definition fixtures in `Fixtures/alarms/`, found by `FixtureFiles`.
enum AlarmDefinitionFixtures {
    static let directory: String = FixtureFiles.path("alarms")

    static func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}
