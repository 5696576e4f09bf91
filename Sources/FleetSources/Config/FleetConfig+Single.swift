import FleetCore
import Foundation
import Yams

extension FleetConfig {
    /// A configuration of one source given as `key: value` settings, such as the command line's
    /// `--source mock --scenario az-outage`: its kind reads them exactly as it reads a file's entry,
    /// through the same ``SourceRegistry``. Errors name `file`.
    public static func single(source settings: [(key: String, value: String)], refresh: TimeInterval,
                              fleet: FleetInfo = .erato, file: String = "the command line") throws -> FleetConfig {
        let mapping = Node.Mapping(settings.map { (Node($0.key), Node($0.value)) })
        let node = ConfigNode(node: .mapping(mapping), file: file, path: "",
                              baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return FleetConfig(file: file, fleet: fleet, refresh: refresh, history: defaultHistory,
                           sources: [try SourceConfig(node)], alarms: nil)
    }
}
