// swift-tools-version:6.1
import PackageDescription

// Built and tested on Linux only (glibc): the terminal and file code calls Glibc APIs
// (`sigaction`'s `__sigaction_handler`, `Glibc.poll`), so no other platform is claimed here.
// Modules follow their dependencies (see the module map in the README): a module that needs no
// network never builds one, and the dashboard and core test targets build without NIO or BoringSSL.

let collections = Target.Dependency.product(name: "DequeModule", package: "swift-collections")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
]

let package = Package(
    name: "fleetwatch",
    products: [
        .executable(name: "fleetwatch", targets: ["fleetwatch"]),
        // Libraries for the benchmarks package (Benchmarks/) and for tools built on fleetwatch.
        .library(name: "FleetCore", targets: ["FleetCore"]),
        .library(name: "AWSFormats", targets: ["AWSFormats"]),
        .library(name: "AlarmDefinitions", targets: ["AlarmDefinitions"]),
        .library(name: "FleetSources", targets: ["FleetSources"]),
        .library(name: "ProbeTargets", targets: ["ProbeTargets"]),
        .library(name: "FleetProbes", targets: ["FleetProbes"]),
        .library(name: "FleetCloudWatch", targets: ["FleetCloudWatch"]),
        .library(name: "FleetDashboard", targets: ["FleetDashboard"]),
        // For the fuzzers (Fuzz/), which build the readers without NIO or BoringSSL.
        .library(name: "FleetXML", targets: ["FleetXML"]),
        .library(name: "FleetApp", targets: ["FleetApp"]),
        .library(name: "FleetTerminal", targets: ["FleetTerminal"]),
        .library(name: "FleetFuzzTargets", targets: ["FleetFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // Model values, CloudWatch statistics, the alarm evaluator. Foundation only.
        .target(name: "FleetCore", dependencies: [collections]),
        // The JSON reader and one decoder per AWS CLI output; bounded file reading.
        .target(name: "AWSFormats", dependencies: ["FleetCore"]),
        // Alarm definitions: Terraform/HCL, fleetwatch YAML and describe-alarms readers.
        .target(name: "AlarmDefinitions", dependencies: ["FleetCore", "AWSFormats", yams]),
        // Where samples come from, without network: the source protocol and kind registry, the poller,
        // the configuration, the fleet simulator, CloudWatch files, recordings, preview data.
        .target(name: "FleetSources", dependencies: ["FleetCore", "AWSFormats", "AlarmDefinitions", yams]),
        // `/health` probes over SwiftNIO.
        // What a probe checks and where its targets come from (targets files, target-group and
        // instance imports): pure readers, fuzzed without NIO.
        .target(name: "ProbeTargets", dependencies: ["FleetCore", "AWSFormats", "FleetSources", yams]),
        .target(name: "FleetProbes", dependencies: ["FleetCore", "AWSFormats", "FleetSources", "ProbeTargets", yams] + nio),
        // The element tree of AWS Query-protocol XML answers (Foundation's XMLParser); no network, so
        // the fuzzers build it alone.
        .target(name: "FleetXML"),
        // Live CloudWatch: SigV4, the credentials chain, the three AWS query APIs.
        .target(
            name: "FleetCloudWatch",
            dependencies: [
                "FleetCore", "AWSFormats", "FleetSources", "FleetXML",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Canvas, widgets, themes, DashboardState/update/view. No terminal I/O.
        .target(name: "FleetDashboard", dependencies: ["FleetCore"]),
        // The dashboard loop, the feeds (live poller, replay) and replay pacing, against the terminal
        // backend protocol (FleetDashboard); the ncurses session is one backend, tests have a fake.
        .target(name: "FleetApp", dependencies: ["FleetDashboard", "FleetSources", "AlarmDefinitions"]),
        // ncurses, seen through a shim header. Only FleetTerminal imports it.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Screen setup and restore, signals, diff flush, key decoding.
        .target(name: "FleetTerminal", dependencies: ["CNcurses", "FleetDashboard"]),
        // The fuzz targets (one per reader of outside input), shared by Fuzz/ and FuzzRegressionTests.
        .target(name: "FleetFuzzTargets",
                dependencies: ["FleetCore", "AWSFormats", "AlarmDefinitions", "FleetSources", "FleetDashboard",
                               "FleetApp", "FleetTerminal", "FleetXML", "ProbeTargets"]),
        // The command line: parse, register the source kinds, wire, exit.
        .executableTarget(
            name: "fleetwatch",
            dependencies: [
                "FleetCore", "AWSFormats", "AlarmDefinitions", "FleetSources", "ProbeTargets", "FleetProbes", "FleetCloudWatch",
                "FleetDashboard", "FleetApp", "FleetTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release build is what sits on a bastion all day, so it is linked lean (BENCHMARKS.md,
            // "RSS"): lld packs the ~120 000 relative relocations (DT_RELR, glibc 2.36+) so start-up
            // does not read 2.9 MB of them, and the executable's own symbols are not exported (1.6 MB
            // of symbol tables the loader would search). Still position-independent (ASLR). Build it
            // with `--static-swift-stdlib` (README) so only the runtime pages used are resident.
            linkerSettings: [
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                     "-Xlinker", "--no-export-dynamic"],
                    .when(platforms: [.linux], configuration: .release)),
            ]
        ),

        // Shared by the test targets: the fixture locator, temporary directories, the moto launcher.
        .target(name: "FleetTestSupport", dependencies: ["FleetCore"], path: "Tests/FleetTestSupport"),
        .testTarget(name: "FleetCoreTests", dependencies: ["FleetCore", "FleetTestSupport"]),
        .testTarget(name: "AWSFormatsTests", dependencies: ["AWSFormats", "FleetTestSupport"]),
        .testTarget(name: "AlarmDefinitionsTests", dependencies: ["AlarmDefinitions", "FleetTestSupport"]),
        .testTarget(name: "FleetSourcesTests", dependencies: ["FleetSources", "FleetTestSupport"]),
        .testTarget(name: "FleetProbesTests", dependencies: ["FleetProbes", "ProbeTargets", "FleetTestSupport"]),
        .testTarget(name: "FleetCloudWatchTests", dependencies: ["FleetCloudWatch", "FleetTestSupport"]),
        .testTarget(name: "FleetDashboardTests", dependencies: ["FleetDashboard", "FleetTestSupport"],
                    exclude: ["Snapshots"]),  // whole frames read by path (SnapshotAssertion), not resources
        .testTarget(name: "FleetAppTests", dependencies: ["FleetApp", "FleetDashboard", "FleetSources", "FleetTestSupport"]),
        .testTarget(name: "FleetTerminalTests", dependencies: ["FleetTerminal"]),
        // Every input the fuzzers found a crash with (Tests/Fixtures/fuzz), replayed.
        .testTarget(name: "FleetXMLTests", dependencies: ["FleetXML", "FleetTestSupport"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FleetFuzzTargets", "FleetTestSupport"]),
        // Real loopback servers, moto, spawned processes, timing: run only with FLEETWATCH_INTEGRATION=1.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["FleetCore", "AWSFormats", "FleetSources", "ProbeTargets", "FleetProbes", "FleetCloudWatch",
                           "FleetDashboard", "FleetApp", "FleetXML", "FleetTestSupport"] + nio
        ),
    ]
)
