import AlarmDefinitions
import FleetCore
import FleetDashboard
import FleetSources
import Foundation

extension ScalingSettings {
    /// The dashboard's scaling settings from policies read from `file` (the group's limits as the files state
    /// them: a maximum Terraform computes is an error naming the file).
    public init(_ loaded: LoadedScaling, file: String, origin: String? = nil) throws {
        self.init(policies: loaded.policies, group: try loaded.scalingGroup(file: file),
                  origin: origin ?? URL(fileURLWithPath: file).lastPathComponent)
    }

    /// The built-in demo's policies (``BuiltinRecording/scaling()``).
    public static func builtin() throws -> ScalingSettings {
        try ScalingSettings(BuiltinRecording.scaling(), file: BuiltinRecording.scalingFileName,
                            origin: BuiltinRecording.scalingFileName + " (built-in)")
    }
}
