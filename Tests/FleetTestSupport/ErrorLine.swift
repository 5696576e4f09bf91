/// The one-line description of the `E` a body throws; nil when it throws nothing, and a line saying
/// so when it throws another error.
public func errorLine<E: Error & CustomStringConvertible, T>(_ type: E.Type, _ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let e as E {
        return e.description
    } catch {
        return "not a \(E.self): \(error)"
    }
}
