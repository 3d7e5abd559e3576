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
    private let bulk = NSLock()
    private var bulkWriting = false
    private var leftWAL = false
    /// Bytes of pages in the transaction a first build keeps open across
    /// batches (see ``replaceDocuments(_:build:more:)``); 0 when none is
    /// open. Used on the pool's writer only, which serializes its uses.
    var bulkUncommitted = 0
    /// Bytes of input pages (the files' sizes) a first build writes between
    /// two commits (16, 32 and 64 MB built the 1 GB benchmark in the same
    /// time; a killed build loses at most this much).
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

    // MARK: - One writer at a time

    /// The advisory lock file of the store at `path`: `path.lock`, beside the
    /// file a symbolic link names when `path` is one (two builds through a
    /// link and its target take one lock, as SQLite writes one file).
    public static func lockPath(for path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else {
            return path + ".lock"
        }
        defer { free(real) }
        return String(cString: real) + ".lock"
    }

    /// Takes the store's write lock for a build, or refuses at once.
    ///
    /// The lock is `flock(2)` `LOCK_EX | LOCK_NB` on `STORE.lock`, held until
    /// the returned ``WriteLock`` is released or the process ends: the kernel
    /// drops it when the process exits or is killed, so a killed build never
    /// leaves a stale lock. The file keeps the pid of its last holder and is
    /// left in place (deleting it would let two builds lock two different files).
    /// Readers (`guanxi stats`, queries, `sqlite3`) do not take it: WAL lets
    /// them read the last committed state while a build writes.
    ///
    /// - Throws: ``StoreError`` `.database` when another process holds the
    ///   lock ("another guanxi build is writing to S (pid N); …") or the lock
    ///   file cannot be created; `.notADatabase` when `path` is not a store
    ///   (nothing is created then).
    public static func lockForWriting(path: String) throws -> WriteLock {
        // A file that is not a store (a device, a FIFO, not SQLite, another
        // program's database) is refused before anything is created beside
        // it. (A store a stopped build left a hot journal in is inspected
        // again once the lock is held, when its recovery may run.)
        if let size = try checkFile(path, create: true), size > 0,
            let inspection = try? inspect(path, recovery: .never)
        {
            try refuseForeign(inspection, path: path, forBuild: true)
        }
        let lockPath = lockPath(for: path)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(
                .database, path: path,
                "cannot create the lock file \(lockPath) (\(String(cString: strerror(errno)))); "
                    + "check that its folder exists and is writable")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw StoreError(
                .database, path: path,
                "another guanxi build is writing to \(path) (pid \(holder.isEmpty ? "unknown" : holder)); "
                    + "wait for it or use another --store")
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return WriteLock(descriptor: fd, path: lockPath)
    }

    /// The held write lock of a store (see ``lockForWriting(path:)``);
    /// released by ``release()`` or when the object goes away.
    public final class WriteLock: @unchecked Sendable {
        private var descriptor: Int32
        /// The lock file.
        public let path: String

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        /// Releases the lock (closing the file drops the `flock`).
        public func release() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }

        deinit { release() }
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
                return StoreError(.notADatabase, path: path, "this file is not an SQLite database; give another --store path", cause: error)
            case .SQLITE_CORRUPT:
                return StoreError(.corrupt, path: path, "the store is damaged; move it aside and build again", cause: error)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.database, path: path, "the store is locked by another build; wait for it to finish", cause: error)
            case .SQLITE_FULL:
                return StoreError(.database, path: path, "the disk is full; free space and build again", cause: error)
            default:
                return StoreError(.database, path: path, "SQLite error \(error.resultCode): \(error.message ?? "")", cause: error)
            }
        }
        return StoreError(.database, path: path, "\(error)", cause: error)
    }

    // MARK: - First builds

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
            let empty = try pool.read { try !(Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM document)") ?? true) }
            guard empty else { return false }
            // Leaving WAL needs the only connection: the pool's readers close.
            pool.releaseMemory()
            return try pool.writeWithoutTransaction { db in
                // SQLite takes the exclusive lock for this without its busy
                // handler: a reader in another process fails it at once.
                let deadline = Date().addingTimeInterval(patience)
                while true {
                    do {
                        guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else { return false }
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
    private func returnToWAL() throws {
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

    // MARK: - Builds and documents

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
