import Foundation
import Testing

@testable import Guanxi

/// The store built from the five pages of `seeds/`: once for every test that
/// only reads it, or a copy of one's own for a test that writes.
enum SeedStore {
    /// The repository root: this file is `Tests/GuanxiTests/Support/SeedStore.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The seed pages.
    static let seeds = root.appendingPathComponent("seeds")

    /// The seed store built once for the whole test run; read it, never write to it.
    static var shared: SQLiteGraphStore {
        get throws { try built.get() }
    }

    private static let folder = Result { try TempDir() }
    private static let built: Result<SQLiteGraphStore, any Error> = Result {
        try seedStore(in: try folder.get())
    }
}

/// Builds the seed store as `seeds.sqlite` in `dir`: a store of the test's own.
func seedStore(in dir: TempDir) throws -> SQLiteGraphStore {
    let store = try SQLiteGraphStore(path: dir.path("seeds.sqlite"))
    _ = try GraphBuilder(store: store).build(paths: [SeedStore.seeds.path])
    return store
}
