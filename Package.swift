// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "guanxi",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Guanxi", targets: ["Guanxi"]),
        .executable(name: "guanxi", targets: ["guanxi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // poppler-glib: PDF pages with a box and font size per character (Reader/PDF).
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"]), .brew(["poppler"])]
        ),
        .target(
            name: "Guanxi",
            dependencies: [
                "CLibXML2",
                "CPoppler",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the few loops over millions of rows (linking).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL store (issue 25): its own target, so that the core
        // library does not pull in swift-nio.
        .target(
            name: "GuanxiPostgres",
            dependencies: [
                "Guanxi",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The local web app of `guanxi serve`: pages, /api JSON and downloads
        // over a store opened read-only. Its own target, so that the library
        // does not depend on the web stack.
        .target(
            name: "GuanxiServe",
            dependencies: [
                "Guanxi",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The guanxi command. Its folder is Sources/CLI: a folder named
        // `guanxi` beside `Guanxi` differs only in case and breaks a checkout
        // on a case-insensitive file system.
        .executableTarget(
            name: "guanxi",
            dependencies: [
                "Guanxi",
                "GuanxiPostgres",
                "GuanxiServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI"
        ),
        // libFuzzer targets for the reader, normalizer, segmenter and extractor;
        // built and run by scripts/fuzz (a plain build gives a replayer).
        .executableTarget(
            name: "GuanxiFuzz",
            dependencies: ["Guanxi"]
        ),
        .testTarget(
            name: "GuanxiTests",
            dependencies: [
                "Guanxi",
                "GuanxiPostgres",
                "GuanxiServe",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Snapshots"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
