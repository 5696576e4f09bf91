import FleetCore
import Synchronization

/// Hands the newest fleet state from the poller's task to the terminal thread. Only the newest
/// matters: a state that arrives before the previous one was taken replaces it.
public final class SnapshotMailbox: Sendable {
    private let slot = Mutex<FleetState?>(nil)

    public init() {}

    public func put(_ state: FleetState) {
        slot.withLock { $0 = state }
    }

    public func take() -> FleetState? {
        slot.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
