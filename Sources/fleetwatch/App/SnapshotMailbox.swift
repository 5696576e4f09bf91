import FleetCore
import Synchronization

/// Hands the newest fleet state from the poller's task to the terminal thread. Only the newest
/// matters: a state that arrives before the previous one was taken replaces it.
final class SnapshotMailbox: Sendable {
    private let slot = Mutex<FleetState?>(nil)

    func put(_ state: FleetState) {
        slot.withLock { $0 = state }
    }

    func take() -> FleetState? {
        slot.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
