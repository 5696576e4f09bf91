import FleetCore
import Foundation
import Yams

extension ConfigNode {
    /// The top node of the YAML file at `path`, relative paths in it resolved against its folder.
    /// File-level problems (missing, a directory, over `maxSize` — checked before reading — not
    /// UTF-8, not YAML, empty) are `InputError`s naming the file.
    public static func document(path: String, maxSize: Int) throws -> ConfigNode {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw InputError(file: path, line: nil, path: nil, message: "cannot read: no such file")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw InputError(file: path, line: nil, path: nil, message: "is a directory")
        }
        if let size = attributes[.size] as? Int, size > maxSize {
            throw InputError(file: path, line: nil, path: nil, message: "is \(size) bytes; at most \(maxSize) are read")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: nil, path: nil, message: "cannot read: permission denied")
        }
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
        } catch let error as YamlError {
            throw InputError(file: file, line: error.line, path: nil, message: "not valid YAML: \(error.problem)")
        } catch {
            throw InputError(file: file, line: nil, path: nil, message: "not valid YAML")
        }
        guard let node else { throw InputError(file: file, line: nil, path: nil, message: "is empty") }
        return ConfigNode(node: node, file: file, path: "", baseDirectory: baseDirectory)
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): p
        case .reader(let p, _, _, _): p
        default: "\(self)"
        }
    }
}
