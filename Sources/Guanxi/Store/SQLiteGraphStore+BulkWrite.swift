import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// First builds: writing many rows without the write-ahead log, and returning to it.
extension SQLiteGraphStore {
    /// A first build (the store holds no documents yet) writes with a
    /// rollback journal rather than the WAL until it ends (``finishBuild``),
    /// and writes its documents without checking foreign keys.
    ///
    /// In WAL mode each page is written twice: to the log, then into the
    /// database at a checkpoint, which reads it back. A rollback journal
    /// keeps only the pages that existed before a transaction, and a first
    /// build appends nearly every page it writes, so each is written once.
    /// Every document row is new and points at a row written just before it
    /// (the build's files are distinct paths, and no other build can write,
    /// see ``lockForWriting(path:)``), so foreign keys are not checked until
    /// ``endBulkWrite()``, which comes before linking.
    ///
    /// A commit is still atomic and synced, so a killed first build keeps
    /// every batch it committed: the next open rolls back the uncommitted
    /// ones and returns the store to WAL. A first build commits about every
    /// 32 MB of pages rather than every batch (``replaceDocuments(_:build:more:)``).
    /// While a first build writes, a reader waits for each commit instead of
    /// reading alongside it.
    ///
    /// Leaving WAL needs every other connection to the store closed. While
    /// another process keeps it open (`guanxi stats`, `sqlite3`), this tries
    /// again for two seconds, then returns false: the build writes through
    /// the WAL, slower but the same.
    public func beginBulkWrite() throws -> Bool { try beginBulkWrite(patience: 2) }

    /// ``beginBulkWrite()``, trying to leave WAL for `patience` seconds.
    func beginBulkWrite(patience: TimeInterval) throws -> Bool {
        guard case .pool(let pool) = connection else { return false }
        return try wrap {
            let empty = try pool.read {
                try !(Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM document)") ?? true)
            }
            guard empty else { return false }
            // Leaving WAL needs the only connection: the pool's readers close.
            pool.releaseMemory()
            return try pool.writeWithoutTransaction { db in
                // SQLite takes the exclusive lock for this without its busy
                // handler: a reader in another process fails it at once.
                let deadline = Date().addingTimeInterval(patience)
                while true {
                    do {
                        guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else {
                            return false
                        }
                        break
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                        guard Date() < deadline else { return false }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                // A commit waits for readers to finish (they never wait for
                // the build, so this cannot deadlock), however long they read.
                try db.execute(sql: "PRAGMA busy_timeout = \(Int32.max)")
                bulk.withLock { (bulkWriting, leftWAL) = (true, true) }
                return true
            }
        }
    }

    /// Checks foreign keys again (linking relies on them); the rollback
    /// journal stays until ``finishBuild``, so the first linking writes each
    /// page once too.
    public func endBulkWrite() throws {
        guard case .pool(let pool) = connection, isBulkWriting else { return }
        try wrap {
            try pool.writeWithoutTransaction { db in
                // The batches not yet committed (PRAGMA foreign_keys does nothing inside a transaction).
                if db.isInsideTransaction { try db.commit() }
                bulkUncommitted = 0
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                bulk.withLock { bulkWriting = false }
            }
        }
    }

    /// Returns a store that a first build took out of WAL to WAL. Another
    /// process reading the store for more than 30 seconds keeps it from
    /// switching; the build still ends, and the next open of the store
    /// switches it then.
    func returnToWAL() throws {
        guard case .pool(let pool) = connection, bulk.withLock({ leftWAL && !bulkWriting }) else { return }
        try wrap {
            pool.releaseMemory()
            do {
                _ = try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA busy_timeout = 30000")
                    return try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return
            }
            bulk.withLock { leftWAL = false }
        }
    }
}
