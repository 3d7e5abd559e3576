import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded ``GraphStore``: one SQLite file in WAL mode (GRDB `DatabasePool`),
/// so readers (`guanxi stats`, `sqlite3`) can open it while a build writes.
/// A first build writes it with a rollback journal (``beginBulkWrite()``);
/// a reader that opens it meanwhile reads without writing anything.
///
/// Opening refuses, without writing to it, a file that is not SQLite and a
/// store written by a newer guanxi. The schema is in docs/store-schema.md.
public final class SQLiteGraphStore: GraphStore, @unchecked Sendable {
    enum Connection {
        case pool(DatabasePool)
        /// A store opened for reading only (`SQLITE_OPEN_READONLY`), by every
        /// command but `build`: it never changes the store, so it never
        /// takes a store a first build is writing with a rollback journal
        /// back to WAL under that build (see ``beginBulkWrite()``).
        case reader(DatabaseQueue)
        /// Inside a transaction that will be rolled back (``simulate(_:)``).
        case transaction(Database)
    }

    public let location: String
    let connection: Connection
    /// Whether a first build is writing documents in bulk, and whether it
    /// left WAL (``beginBulkWrite()``).
    let bulk = NSLock()
    var bulkWriting = false
    var leftWAL = false
    /// Bytes of pages in the transaction a first build keeps open across
    /// batches (see ``replaceDocuments(_:build:more:)``); 0 when none is
    /// open. Used on the pool's writer only, which serializes its uses.
    var bulkUncommitted = 0
    /// Bytes of input pages (the files' sizes) a first build writes between
    /// two commits (16 to 64 MB build as fast; a killed build loses at most
    /// this much).
    public var bulkCommitBytes = 32 << 20

    init(location: String, connection: Connection) {
        self.location = location
        self.connection = connection
    }

    /// Whether documents are being written in bulk: every one is new.
    var isBulkWriting: Bool { bulk.withLock { bulkWriting } }

    /// Opens the store at `path`: for a build (`create`, the default), which
    /// creates, upgrades and writes it, or for reading only (every other
    /// command).
    ///
    /// Opened for reading (`create: false`), the file is opened with
    /// `SQLITE_OPEN_READONLY` and nothing in it changes: not its journal mode,
    /// not its `user_version`, no table; a store the user may only read, in a
    /// folder the user may only read, is read. A file that is missing, not a
    /// regular file, empty, not SQLite, an SQLite database guanxi did not make
    /// (no `grdb_migrations` table), or a store of an older or newer schema is
    /// refused, untouched.
    ///
    /// Opened for a build (which holds ``lockForWriting(path:)`` first), a
    /// file that is not a regular file, not SQLite, or
    /// an SQLite database with tables guanxi did not make is refused before
    /// anything is written to it; so is a store holding triggers or views
    /// guanxi did not create (``inspect(_:recovery:)``).
    ///
    /// - Throws: ``StoreError`` `.missing`, `.notADatabase`, `.notAStore`,
    ///   `.newerSchema`, `.olderSchema`, `.foreignCode`, `.corrupt` or `.database`.
    public convenience init(path: String, create: Bool = true) throws {
        let size = try Self.checkFile(path, create: create)
        guard create else {
            try self.init(readingOnly: path)
            return
        }
        // A build holds the store's write lock (``lockForWriting(path:)``):
        // no first build in another process can be writing it.
        if let size, size > 0 {
            let inspection = try Self.inspect(path, recovery: .always)
            try Self.refuseForeign(inspection, path: path, forBuild: true)
            try Self.refuseNewer(inspection, path: path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        // A first build keeps its transaction open from one batch to the next
        // (replaceDocuments); every other write is a transaction of its own.
        configuration.allowsUnsafeTransactions = true
        // In WAL mode NORMAL syncs at checkpoints, not at every commit: a
        // killed process loses nothing committed, and the store stays
        // consistent even through a power cut (the last commits may be lost).
        configuration.prepareDatabase { db in
            // 16 KiB pages for a new store (an existing one keeps its own): a
            // page holds several pages' text or articles, where a 4 KiB page
            // held one with a quarter left empty, and a build makes a quarter
            // of the write calls.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(error, path: path)
        }
        self.init(location: path, connection: .pool(pool))
        try wrap {
            let (version, completed) = try checkVersion()
            // Only a store that needs it is written to on open, so opening one
            // for reading never waits for a build's write transaction.
            guard !completed || version < Self.schemaVersion else { return }
            try Self.migrator.migrate(pool)
            // Stores migrated from version 1 kept user_version 1 (only "Create
            // graph" set it): record the version the migrations brought them to.
            try pool.write { db in
                if try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 < Self.schemaVersion {
                    try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
                }
            }
        }
    }

    /// Opens a store for reading only: it must be a store of this guanxi's
    /// schema, and nothing is written to it.
    private convenience init(readingOnly path: String) throws {
        // Refused before the connection that reads is opened: that one
        // creates a WAL store's -wal and -shm when they are missing.
        let inspection = try Self.inspect(path, recovery: .whenABuildStopped)
        try Self.refuseForeign(inspection, path: path, forBuild: false)
        try Self.refuseNewer(inspection, path: path)
        if inspection.version < Self.schemaVersion || !inspection.completed {
            if Self.isWrittenByAFirstBuild(path) {
                throw StoreError(.database, path: path, "a first build is writing this store; wait for it to finish")
            }
            throw StoreError(
                .olderSchema, path: path,
                "this store has schema version \(inspection.version), written by an older guanxi (this one reads "
                    + "version \(Self.schemaVersion)); only a build upgrades it: run `guanxi build PATH... --store "
                    + "\(path)` with its pages, then read it again")
        }
        self.init(location: path, connection: .reader(try Self.openReadOnly(path)))
    }

    /// Throws `.newerSchema` for a store written by a newer guanxi.
    static func refuseNewer(_ inspection: StoreInspection, path: String) throws {
        if inspection.version > Self.schemaVersion || inspection.superseded {
            throw StoreError(
                .newerSchema, path: path,
                "this store has schema version \(inspection.version), written by a newer guanxi (this one writes "
                    + "version \(Self.schemaVersion)); upgrade guanxi or give another --store")
        }
    }

    /// The store's schema version and whether it has every migration of this
    /// guanxi; throws `.newerSchema` for a store written by a newer guanxi.
    private func checkVersion() throws -> (version: Int, completed: Bool) {
        let (version, superseded, completed) = try read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try Self.migrator.hasBeenSuperseded(db),
                try Self.migrator.hasCompletedMigrations(db)
            )
        }
        if version > Self.schemaVersion || superseded {
            throw StoreError(
                .newerSchema, path: location,
                "this store has schema version \(version), written by a newer guanxi (this one writes version "
                    + "\(Self.schemaVersion)); upgrade guanxi or give another --store")
        }
        return (version, completed)
    }

    /// Whether the store at `path` has a rollback journal (header bytes 18
    /// and 19 are 1, where WAL has 2) while a build holds its write lock:
    /// a first build in another process is writing it.
    static func isWrittenByAFirstBuild(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 20)
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 20, 0) }) == 20,
            header[18] == 1, header[19] == 1
        else { return false }
        return isLockHeld(path)
    }

    // MARK: - Running statements

    public var writesFromAnyThread: Bool {
        if case .pool = connection { true } else { false }
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try wrap {
            switch connection {
            case .pool(let pool):
                return try pool.write(updates)
            case .reader:
                throw StoreError(
                    .database, path: location, "this store is open for reading only; only `guanxi build` writes to it")
            case .transaction(let db):
                var result: T?
                try db.inSavepoint {
                    result = try updates(db)
                    return .commit
                }
                guard let result else { throw StoreError(.database, path: location, "savepoint returned nothing") }
                return result
            }
        }
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        try wrap {
            switch connection {
            case .pool(let pool): return try pool.read(value)
            case .reader(let queue): return try queue.read(value)
            case .transaction(let db): return try value(db)
            }
        }
    }

    func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Self.storeError(error, path: location)
        }
    }

    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                return StoreError(
                    .notADatabase, path: path, "this file is not an SQLite database; give another --store path",
                    cause: error)
            case .SQLITE_CORRUPT:
                return StoreError(
                    .corrupt, path: path, "the store is damaged; move it aside and build again", cause: error)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(
                    .database, path: path, "the store is locked by another build; wait for it to finish", cause: error)
            case .SQLITE_FULL:
                return StoreError(.database, path: path, "the disk is full; free space and build again", cause: error)
            default:
                return StoreError(
                    .database, path: path, "SQLite error \(error.resultCode): \(error.message ?? "")", cause: error)
            }
        }
        return StoreError(.database, path: path, "\(error)", cause: error)
    }
}
