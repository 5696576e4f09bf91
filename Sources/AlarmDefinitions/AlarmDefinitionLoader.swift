import AWSFormats
import FleetCore
import Foundation

/// The formats alarm definitions come in.
public enum AlarmDefinitionFormat: String, Sendable, Hashable, CaseIterable {
    /// `resource "aws_cloudwatch_metric_alarm"` (and target-tracking `aws_autoscaling_policy`) in `.tf` files.
    case terraform
    /// `aws cloudwatch describe-alarms` output.
    case describeAlarms
    /// An `alarms:` list in fleetwatch's YAML.
    case yaml
}

/// The front door: loads alarm definitions from a file or a Terraform module directory.
public enum AlarmDefinitionLoader {
    /// Files larger than this are refused before they are read (per file and for a directory in total).
    public static let maxBytes = 16 * 1024 * 1024

    /// Loads `path`: a directory → every `.tf` file directly in it (a Terraform module), sorted by name;
    /// `.tf` → Terraform; `.json` → describe-alarms; `.yaml`/`.yml` → YAML; any other name → by content
    /// (``format(fileName:text:)``). Throws ``InputError`` with the file and, where known, the line.
    public static func load(path: String) throws -> LoadedAlarms {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, message: "no such file or directory")
        }
        if isDirectory.boolValue {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw InputError(file: path, message: "cannot list the directory")
            }
            let tfNames = names.filter { $0.hasSuffix(".tf") }.sorted()
            guard !tfNames.isEmpty else {
                throw InputError(file: path, message: "no .tf files in this directory")
            }
            var total = 0
            var files: [(name: String, text: String)] = []
            for name in tfNames {
                let filePath = (path as NSString).appendingPathComponent(name)
                let text = try read(filePath, budget: maxBytes - total)
                total += text.utf8.count
                files.append((filePath, text))
            }
            return try TerraformAlarms.load(files: files)
        }
        let text = try read(path, budget: maxBytes)
        return try load(text: text, file: path, format: format(fileName: path, text: text))
    }

    /// Loads definitions from text already read; `file` names it in errors and notes.
    public static func load(text: String, file: String, format: AlarmDefinitionFormat) throws -> LoadedAlarms {
        switch format {
        case .terraform: try TerraformAlarms.load(files: [(file, text)])
        case .describeAlarms: try DescribeAlarmsDefinitions.load(text: text, file: file)
        case .yaml: try YAMLAlarmDefinitions.load(yaml: text, file: file)
        }
    }

    /// The format by extension (`.tf`, `.json`, `.yaml`, `.yml`), else by content: `{` first → describe-alarms,
    /// a `resource "` line → Terraform, otherwise YAML.
    public static func format(fileName: String, text: String) -> AlarmDefinitionFormat {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".tf") { return .terraform }
        if lower.hasSuffix(".json") { return .describeAlarms }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{" { return .describeAlarms }
        let declaresResource = text.split(separator: "\n").contains {
            $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("resource \"")
        }
        return declaresResource ? .terraform : .yaml
    }

    /// Reads a UTF-8 file after checking its size against `budget`, through the shared regular-file
    /// check (a FIFO or a device is refused, never blocked on).
    static func read(_ path: String, budget: Int) throws -> String {
        let data = Data(try BoundedFile.read(path, maxSize: budget, what: "alarm definitions", allowEmpty: true).bytes)
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, message: "not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}
