import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded ``GraphStore``: one SQLite file in WAL mode (GRDB `DatabasePool`),
/// so readers (`guanxi stats`, `sqlite3`) can open it while a build writes.
///
/// Opening refuses, without writing to it, a file that is not SQLite and a
/// store written by a newer guanxi. The schema is in docs/store-schema.md.
public final class SQLiteGraphStore: GraphStore, @unchecked Sendable {
    enum Connection {
        case pool(DatabasePool)
        /// Inside a transaction that will be rolled back (``simulate(_:)``).
        case transaction(Database)
    }

    public let location: String
    let connection: Connection

    init(location: String, connection: Connection) {
        self.location = location
        self.connection = connection
    }

    /// Opens (and, when `create` is true, creates or upgrades) the store at `path`.
    ///
    /// - Throws: ``StoreError`` `.missing`, `.notADatabase`, `.newerSchema`,
    ///   `.corrupt` or `.database`.
    public convenience init(path: String, create: Bool = true) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if !exists && !create {
            throw StoreError(.missing, path: path, "no store here; build one with `guanxi build PATH... --store \(path)`")
        }
        if exists {
            if isDirectory.boolValue {
                throw StoreError(.notADatabase, path: path, "this is a directory; give a store file such as \(path)/guanxi.sqlite")
            }
            try Self.checkHeader(path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
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
            let (version, superseded, completed) = try pool.read { db in
                (
                    try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try Self.migrator.hasBeenSuperseded(db),
                    try Self.migrator.hasCompletedMigrations(db)
                )
            }
            if version > Self.schemaVersion || superseded {
                throw StoreError(
                    .newerSchema, path: path,
                    "this store has schema version \(version), written by a newer guanxi (this one writes version "
                        + "\(Self.schemaVersion)); upgrade guanxi or give another --store")
            }
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

    // MARK: - One writer at a time

    /// The advisory lock file of the store at `path`: `path.lock`.
    public static func lockPath(for path: String) -> String { path + ".lock" }

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
        // A file that is not a store is refused before anything is created beside it.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw StoreError(.notADatabase, path: path, "this is a directory; give a store file such as \(path)/guanxi.sqlite")
            }
            try checkHeader(path)
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

    private static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.database, path: path, "cannot open the store for reading; check its permissions")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw StoreError(
                .notADatabase, path: path,
                "this file is not an SQLite database; guanxi left it untouched; give another --store path")
        }
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
