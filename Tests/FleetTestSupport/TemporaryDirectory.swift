import Foundation

/// Scratch folders and files under the system temp folder, one per test process and name.
public enum TemporaryDirectory {
    /// A fresh, empty folder `fleetwatch-<prefix>-<uuid>` under the system temp folder.
    public static func make(_ prefix: String = "test") throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("fleetwatch-\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A path that does not exist yet, named `<uuid>-<name>`, in this process's scratch folder.
    public static func path(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("fleetwatch-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }
}
