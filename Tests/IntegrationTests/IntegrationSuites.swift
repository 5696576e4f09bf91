import Testing

/// The integration suites (real loopback servers, moto, spawned processes, timing) run one test at a
/// time: on a 2-core machine running them side by side starves the timing-sensitive ones.
@Suite(.serialized) enum IntegrationSuites {}
