import Foundation

/// Where the committed test files are: `Tests/Fixtures/` (aws CLI outputs, alarm definitions, probe
/// targets, the moto seed script) and the repository around it (themes, e2e helpers). The one
/// `#filePath` locator every test target uses.
public enum FixtureFiles {
    /// The repository's root folder.
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`.
    public static let directory: URL = repository.appendingPathComponent("Tests/Fixtures")

    /// The URL of `relative` under `Tests/Fixtures` (like `cloudwatch/get-metric-data.json`).
    public static func url(_ relative: String) -> URL { directory.appendingPathComponent(relative) }

    /// The path of `relative` under `Tests/Fixtures`.
    public static func path(_ relative: String) -> String { url(relative).path }

    /// The path of `relative` under the repository root (like `Themes` or `Tests/e2e/probe-server.py`).
    public static func repositoryPath(_ relative: String) -> String {
        repository.appendingPathComponent(relative).path
    }
}
