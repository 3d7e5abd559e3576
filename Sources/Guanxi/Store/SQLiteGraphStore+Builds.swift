import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds and what was stored of each document; dry runs.
extension SQLiteGraphStore {
    public func beginBuild() throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO build (startedAt, status) VALUES (?, 'running')", arguments: [Self.now()])
            return db.lastInsertedRowID
        }
    }

    public func finishBuild(_ id: Int64, status: String, note: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE build SET finishedAt = ?, status = ?, note = ? WHERE id = ?",
                arguments: [Self.now(), status, note, id])
        }
        try returnToWAL()
    }

    public func storedHashes(paths: [String]) throws -> [String?] {
        try read { db in
            let hash = try RawStatement(db, sql: "SELECT contentHash FROM document WHERE path = ?")
            return try paths.map { path in
                hash.bind(path, at: 1)
                defer { hash.reset() }
                return try hash.step() ? hash.string(0) : nil
            }
        }
    }

    public func storedReadStates(paths: [String]) throws -> [StoredReadState?] {
        try read { db in
            let row = try RawStatement(
                db, sql: "SELECT contentHash, date, url, homeJurisdiction, readOptions FROM document WHERE path = ?")
            return try paths.map { path in
                row.bind(path, at: 1)
                defer { row.reset() }
                guard try row.step(), let hash = row.string(0) else { return nil }
                return StoredReadState(
                    contentHash: hash, date: row.string(1), url: row.string(2), homeJurisdiction: row.string(3),
                    readOptions: row.string(4))
            }
        }
    }

    public func simulate<T>(_ body: (any GraphStore) throws -> T) throws -> T {
        guard case .pool(let pool) = connection else { return try body(self) }
        var outcome: Result<T, any Error>?
        try wrap {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction {
                    let view = SQLiteGraphStore(location: location, connection: .transaction(db))
                    outcome = Result { try body(view) }
                    return .rollback
                }
            }
        }
        guard let outcome else { throw StoreError(.database, path: location, "the dry run did not run") }
        return try outcome.get()
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
