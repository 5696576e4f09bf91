import FleetCloudWatch
import FleetProbes
import FleetSources

extension SourceRegistry {
    /// The source kinds this executable links, in the order an unknown kind's error lists them.
    static let linked = SourceRegistry([
        MockSourceKind(), CloudWatchFilesSourceKind(), CloudWatchSourceKind(), ProbeSourceKind(),
    ])
}
