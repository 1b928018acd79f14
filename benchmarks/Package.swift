// swift-tools-version:6.1
// Benchmarks for usagelens, kept in their own package so that the library does not depend on ordo-one/benchmark.
// Run from the top level with `make bench` (runs every benchmark and checks it against Thresholds/).
import PackageDescription

let package = Package(
    name: "usagelens-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "usagelens", path: "../"),
        // The MallocInterposer trait alone: the default traits would also pull in a package that is not mirrored.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "UsageLensBenchmarks",
            dependencies: [
                .product(name: "UsageLensCore", package: "usagelens"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/UsageLensBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
    ]
)
