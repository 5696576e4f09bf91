// swift-tools-version:6.1
// The benchmarks, a package of their own so that building and testing fleetwatch never builds
// ordo-one/benchmark (package-benchmark). Run from this folder: `swift package benchmark` (see BENCHMARKS.md).
import PackageDescription

let package = Package(
    name: "fleetwatch-benchmarks",
    dependencies: [
        .package(name: "fleetwatch", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.29.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FleetBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FleetCore", package: "fleetwatch"),
                .product(name: "AWSFormats", package: "fleetwatch"),
                .product(name: "FleetSources", package: "fleetwatch"),
                .product(name: "FleetProbes", package: "fleetwatch"),
                .product(name: "ProbeTargets", package: "fleetwatch"),
                .product(name: "FleetDashboard", package: "fleetwatch"),
            ],
            path: "Benchmarks/FleetBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
