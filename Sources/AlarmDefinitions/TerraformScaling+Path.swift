import FleetCore
import Foundation

extension TerraformScaling {
    /// Loads `path`: a `.tf` file, or a directory's `.tf` files (one module), as ``AlarmDefinitionLoader`` does.
    public static func load(path: String) throws -> LoadedScaling {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else {
            return try load(files: [(path, AlarmDefinitionLoader.read(path, budget: AlarmDefinitionLoader.maxBytes))])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        guard !names.isEmpty else { throw InputError(file: path, message: "no .tf files in this directory") }
        var total = 0
        var files: [(name: String, text: String)] = []
        for name in names {
            let filePath = (path as NSString).appendingPathComponent(name)
            let text = try AlarmDefinitionLoader.read(filePath, budget: AlarmDefinitionLoader.maxBytes - total)
            total += text.utf8.count
            files.append((filePath, text))
        }
        return try load(files: files)
    }
}
