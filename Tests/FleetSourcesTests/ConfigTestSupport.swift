@testable import FleetSources

/// The one-line `ConfigError` a body throws (`file:line: key.path: message`), or nil if it throws none.
func configErrorLine<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let e as ConfigError {
        return e.description
    } catch {
        return "unexpected \(error)"
    }
}
