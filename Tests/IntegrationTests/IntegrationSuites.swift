import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Integration tests (real loopback servers, moto, spawned processes, timing) run only when
    /// asked: `FLEETWATCH_INTEGRATION=1 swift test --no-parallel --filter IntegrationTests` (`.ci/run` does).
    static var integration: Self {
        .enabled(if: ProcessInfo.processInfo.environment["FLEETWATCH_INTEGRATION"] != nil,
                 "integration test: set FLEETWATCH_INTEGRATION=1")
    }
}

/// Integration suites that must run one test at a time: on a 2-core machine running them side by
/// side starves the timing-sensitive ones.
@Suite(.serialized, .integration) enum IntegrationSuites {}
