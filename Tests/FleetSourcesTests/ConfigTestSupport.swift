import FleetCore
import FleetTestSupport
@testable import FleetSources

/// The one-line `InputError` a body throws (`file:line: key.path: message`), or nil if it throws none.
func configErrorLine<T>(_ body: () throws -> T) -> String? {
    errorLine(InputError.self, body)
}
