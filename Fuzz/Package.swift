// swift-tools-version:6.1
import PackageDescription

// Tools that build from the reader modules alone (no NIO, no BoringSSL): the soak, and
// libFuzzer targets for every reader of outside input, built from the reader modules alone (no NIO,
// no BoringSSL): one executable, the target picked by FLEETWATCH_FUZZ_TARGET. The targets themselves
// are the root package's FleetFuzzTargets (shared with the regression test). Build and run with
// scripts/fuzz.sh TARGET SECONDS, which passes -sanitize=fuzzer.
let package = Package(
    name: "fleetwatch-fuzz",
    dependencies: [.package(name: "fleetwatch", path: "..")],
    targets: [
        .executableTarget(
            name: "fleetwatch-fuzz",
            dependencies: [.product(name: "FleetFuzzTargets", package: "fleetwatch")]
        ),
        // The headless soak (scripts/soak.sh): poller, recorder and dashboard view for 24 simulated hours.
        .executableTarget(
            name: "fleetwatch-soak",
            dependencies: [
                .product(name: "FleetSources", package: "fleetwatch"),
                .product(name: "FleetDashboard", package: "fleetwatch"),
            ]
        ),
    ]
)
