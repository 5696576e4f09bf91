// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "fleetwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fleetwatch", targets: ["fleetwatch"]),
        // Libraries for the benchmarks package (Benchmarks/) and for tools built on fleetwatch.
        .library(name: "FleetCore", targets: ["FleetCore"]),
        .library(name: "FleetSources", targets: ["FleetSources"]),
        .library(name: "FleetDashboard", targets: ["FleetDashboard"]),
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
        .target(
            name: "FleetCore",
            dependencies: [.product(name: "DequeModule", package: "swift-collections")]
        ),
        // Where samples come from: the source protocol, the poller, the fleet simulator, CloudWatch
        // files and APIs, `/health` probes, recordings.
        .target(
            name: "FleetSources",
            dependencies: [
                "FleetCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Canvas, widgets, themes, DashboardState/update/view. No terminal I/O.
        .target(name: "FleetDashboard", dependencies: ["FleetCore"]),
        // The dashboard loop, the feeds (live poller, replay) and replay pacing, against the terminal
        // backend protocol (FleetDashboard); the ncurses session is one backend, tests have a fake.
        .target(name: "FleetApp", dependencies: ["FleetDashboard", "FleetSources"]),
        // ncurses, seen through a shim header. Only FleetTerminal imports it.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Screen setup and restore, signals, diff flush, key decoding.
        .target(name: "FleetTerminal", dependencies: ["CNcurses", "FleetDashboard"]),
        // The command line: wiring only.
        .executableTarget(
            name: "fleetwatch",
            dependencies: [
                "FleetCore", "FleetSources", "FleetDashboard", "FleetApp", "FleetTerminal",
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
        .testTarget(name: "FleetCoreTests", dependencies: ["FleetCore"]),
        .testTarget(
            name: "FleetSourcesTests",
            dependencies: [
                "FleetSources",
                // Real servers on loopback for the probe tests (plain, misbehaving, TLS).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "FleetDashboardTests", dependencies: ["FleetDashboard", "FleetSources"]),
        .testTarget(name: "FleetTerminalTests", dependencies: ["FleetTerminal"]),
        .testTarget(name: "FleetAppTests", dependencies: ["FleetApp", "FleetDashboard", "FleetSources"]),
    ]
)
