import AWSFormats
import AlarmDefinitions
import FleetCore
import Foundation
import Yams

extension ConfigNode {
    /// The top node of the YAML file at `path`, relative paths in it resolved against its folder.
    /// File-level problems (missing, a directory, over `maxSize` — checked before reading — not
    /// UTF-8, not YAML, empty) are `InputError`s naming the file.
    public static func document(path: String, maxSize: Int) throws -> ConfigNode {
        // The shared regular-file check: a FIFO, a device or a symlink loop is named as such.
        let data = Data(try BoundedFile.read(path, maxSize: maxSize, what: "this file", allowEmpty: true).bytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, line: nil, path: nil, message: "is not UTF-8 text")
        }
        return try document(yaml: text, file: path, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    /// The top node of YAML text from `file`; syntax errors and an empty document are `InputError`s.
    public static func document(yaml text: String, file: String, baseDirectory: URL) throws -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw InputError.yaml(error, file: file, text: text)
        }
        guard let node else { throw InputError(file: file, line: nil, path: nil, message: "is empty") }
        return ConfigNode(node: node, file: file, path: "", baseDirectory: baseDirectory)
    }
}
