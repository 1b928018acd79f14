// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "usagelens",
    products: [
        .executable(name: "usagelens", targets: ["usagelens"]),
        // `usagelens mcp` runs it: the MCP SDK links FoundationNetworking and libcurl, kept out of usagelens.
        .executable(name: "usagelens-mcp", targets: ["usagelens-mcp"]),
        .library(name: "UsageLensCore", targets: ["UsageLensCore"]),
        .library(name: "SeedServices", targets: ["SeedServices"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The per-file cache's store (SQLite, WAL). Builds against the system's libsqlite3-dev.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `usagelens mcp`: the Model Context Protocol server over stdio.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CYajl", pkgConfig: "yajl",
            providers: [.apt(["libyajl-dev"]), .brew(["yajl"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .systemLibrary(
            name: "CXXHash", pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]),
        .systemLibrary(name: "CSQLiteConfig"),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CScan"),
        .target(
            name: "UsageLensCore",
            dependencies: [
                "CYajl", "CZstd", "CScan", "CXXHash", "CSQLiteConfig", "CMalloc", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the incremental blob read of a run's snapshot.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        // The exact replicas of the seed dashboards' endpoints: over the core, never under it.
        .target(name: "SeedServices", dependencies: ["UsageLensCore"]),
        // The MCP server (`usagelens mcp`): the reports as tools, over the core; the core builds without the SDK.
        .target(name: "UsageLensMCP", dependencies: ["UsageLensCore", .product(name: "MCP", package: "swift-sdk")]),
        .executableTarget(name: "usagelens-mcp", dependencies: ["UsageLensMCP"]),
        .executableTarget(
            name: "usagelens",
            dependencies: [
                "UsageLensCore", "SeedServices", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "UsageLensCoreTests",
            dependencies: ["UsageLensCore", "CZstd", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SeedServicesTests", dependencies: ["SeedServices", "UsageLensCore"]),
        // GRDB: the cache tests look into the database a run left (what it wrote, or damage to it).
        .testTarget(
            name: "usagelensTests", dependencies: ["usagelens", "usagelens-mcp", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden", "Fixtures"]),
    ]
)
