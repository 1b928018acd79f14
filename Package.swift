// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "usagelens",
    products: [
        .executable(name: "usagelens", targets: ["usagelens"]),
        .library(name: "UsageLensCore", targets: ["UsageLensCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CYajl", pkgConfig: "yajl",
            providers: [.apt(["libyajl-dev"]), .brew(["yajl"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CScan"),
        .target(
            name: "UsageLensCore",
            dependencies: ["CYajl", "CZstd", "CScan"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .executableTarget(
            name: "usagelens",
            dependencies: [
                "UsageLensCore", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "UsageLensCoreTests", dependencies: ["UsageLensCore", "CZstd"]),
        .testTarget(name: "usagelensTests", dependencies: ["usagelens"], exclude: ["Golden", "Fixtures"]),
    ]
)
