import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a database's schema says about who made it, read from
/// `sqlite_master` without evaluating anything in it.
struct StoreInspection: Sendable, Equatable {
    /// The schema holds nothing (a new or empty database).
    var isEmpty = true
    /// guanxi's migrations table is there.
    var isGuanxi = false
    /// Tables other than guanxi's and SQLite's own, when not a guanxi store.
    var tables: [String] = []
    /// Triggers (guanxi creates none).
    var triggers: [String] = []
    /// Views other than guanxi's `coappearanceArticle` as guanxi wrote it.
    var foreignViews: [String] = []
    /// Those of the ``foreignViews`` that stand where guanxi reads a table
    /// or view of its own: reading the store would evaluate them.
    var shadowingViews: [String] = []
    /// `PRAGMA user_version`.
    var version = 0
    /// Whether every migration of this guanxi has run, and whether the
    /// store has migrations this guanxi does not know (a newer guanxi's).
    var completed = false
    var superseded = false
}

extension SQLiteGraphStore {
    /// Whether opening a database read-only may let SQLite roll back a hot
    /// journal (a stopped program's unfinished transaction) first.
    enum Recovery {
        /// Never: the open fails instead.
        case never
        /// When `STORE.lock` shows that a guanxi build wrote the file and no
        /// build holds the lock now (a build was killed): for readers.
        case whenABuildStopped
        /// For a build, which holds the store's lock.
        case always
    }

    /// Checks the file at `path` before SQLite opens it: a directory, a
    /// device, FIFO or socket, and a file that is not SQLite are refused;
    /// for reading (`create` false) a missing or empty file too. Returns the
    /// file's size, or nil when there is no file (a build creates it).
    static func checkFile(_ path: String, create: Bool) throws -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                if create { return nil }
                throw StoreError(
                    .missing, path: path, "no store here; build one with `guanxi build PATH... --store \(path)`")
            }
            throw StoreError(.database, path: path, "cannot inspect the store: \(String(cString: strerror(code)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw StoreError(
                .notADatabase, path: path, "this is a directory; give a store file such as \(path)/guanxi.sqlite")
        default:
            throw StoreError(
                .notADatabase, path: path,
                "not a regular file (a device, FIFO or socket); guanxi left it untouched; give a store file")
        }
        if info.st_size == 0 && !create {
            throw StoreError(
                .notAStore, path: path,
                "the file is empty, not a guanxi store; guanxi left it untouched; build one with "
                    + "`guanxi build PATH... --store \(path)`")
        }
        try checkHeader(path)
        return Int(info.st_size)
    }

    /// Refuses a file that is not SQLite (an empty file passes: a build makes it a store).
    static func checkHeader(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw StoreError(.database, path: path, "cannot open the store for reading; check its permissions")
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 16, 0) }
        if count > 0 && (count < 16 || header != Array("SQLite format 3\0".utf8)) {
            throw StoreError(
                .notADatabase, path: path,
                "this file is not an SQLite database; guanxi left it untouched; give another --store path")
        }
    }

    /// A read-only connection to the database at `path` (`SQLITE_OPEN_READONLY`).
    ///
    /// Two cases need more than that. A build killed in the middle of a
    /// first build's transaction leaves a hot rollback journal, which SQLite
    /// must roll back before anyone reads: as `recovery` allows, SQLite's own
    /// recovery is let run (on a read-write connection that reads the schema
    /// and closes), which restores the last commit. A store in WAL mode in a folder where
    /// the `-shm` file cannot be created (a folder the user may only read)
    /// is opened `immutable`, when it has no write-ahead log to read: no
    /// build can write there either.
    static func openReadOnly(_ path: String, recovery: Recovery = .whenABuildStopped) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK {
            let recovers: Bool
            switch recovery {
            case .never: recovers = false
            case .always: recovers = true
            case .whenABuildStopped:
                recovers = FileManager.default.fileExists(atPath: lockPath(for: path)) && !isLockHeld(path)
            }
            guard recovers else {
                throw StoreError(
                    .database, path: path,
                    "the database has an unfinished transaction (\(path)-journal) of a program that stopped; "
                        + "guanxi does not write to it: open it once with that program or sqlite3", cause: error)
            }
            do {
                var recovery = Configuration()
                recovery.busyMode = .timeout(30)
                let queue = try DatabaseQueue(path: path, configuration: recovery)
                try queue.read { _ = try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
                try queue.close()
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch {
                throw storeError(error, path: path)
            }
        } catch let error as DatabaseError
            where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) && isWALWithoutLog(path)
        {
            do {
                return try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            } catch {
                throw storeError(error, path: path)
            }
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// Whether a build holds the store's write lock now.
    static func isLockHeld(_ path: String) -> Bool {
        let fd = open(lockPath(for: path), O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0
    }

    /// Whether the database is in WAL mode (header bytes 18 and 19 are 2)
    /// with no write-ahead log holding anything.
    static func isWALWithoutLog(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 20)
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 20, 0) }) == 20,
            header[18] == 2, header[19] == 2
        else { return false }
        var info = stat()
        return stat(path + "-wal", &info) != 0 || info.st_size == 0
    }

    /// `file:PATH?immutable=1`, the path percent-encoded as SQLite's URIs want.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var uri = "file:"
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...:
                uri += String(format: "%%%02X", byte)
            default:
                uri.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return uri + "?immutable=1"
    }

    /// The schema of the database at `path`, read on a read-only connection.
    ///
    /// A WAL database with neither `-wal` nor `-shm` beside it is read
    /// `immutable`: a read-only connection would create them, and leave them
    /// behind in another program's folder. (A build that starts meanwhile
    /// writes its log, not the pages of the schema read here.)
    static func inspect(_ path: String, recovery: Recovery) throws -> StoreInspection {
        let queue: DatabaseQueue
        if isWALWithoutLog(path) && !FileManager.default.fileExists(atPath: path + "-shm") {
            var configuration = Configuration()
            configuration.readonly = true
            do {
                queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            } catch {
                throw storeError(error, path: path)
            }
        } else {
            queue = try openReadOnly(path, recovery: recovery)
        }
        defer { try? queue.close() }
        do {
            return try queue.read { try inspect($0) }
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// The schema of `db`, from `sqlite_master` alone.
    static func inspect(_ db: Database) throws -> StoreInspection {
        var inspection = StoreInspection()
        let ours = normalizedSQL(coappearanceArticleView)
        let rows = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master")
        for row in rows {
            let type: String = row["type"] ?? ""
            let name: String = row["name"] ?? ""
            let sql: String? = row["sql"]
            inspection.isEmpty = false
            switch type {
            case "table":
                if name == "grdb_migrations" { inspection.isGuanxi = true }
                if !name.hasPrefix("sqlite_") { inspection.tables.append(name) }
            case "trigger":
                inspection.triggers.append(name)
            case "view":
                if !(name == "coappearanceArticle" && sql.map(normalizedSQL) == ours) {
                    inspection.foreignViews.append(name)
                }
            default:
                break
            }
        }
        inspection.shadowingViews = inspection.foreignViews.filter { guanxiObjects.contains($0) }
        if inspection.isGuanxi {
            inspection.tables = []
            inspection.version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            inspection.completed = try migrator.hasCompletedMigrations(db)
            inspection.superseded = try migrator.hasBeenSuperseded(db)
        }
        inspection.tables.sort()
        inspection.triggers.sort()
        inspection.foreignViews.sort()
        return inspection
    }

    /// The tables and views of a store of this guanxi's schema, read from
    /// one migrated in memory.
    static let guanxiObjects: Set<String> = {
        guard let queue = try? DatabaseQueue() else { return [] }
        try? migrator.migrate(queue)
        let names = try? queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }
        return Set(names ?? [])
    }()

    /// What ``check()`` reports about code guanxi did not put in a store.
    static func foreignCodeProblem(_ inspection: StoreInspection) -> StoreCheckReport.Problem? {
        let foreign = inspection.triggers.map { "trigger \($0)" } + inspection.foreignViews.map { "view \($0)" }
        guard !foreign.isEmpty else { return nil }
        return StoreCheckReport.Problem(
            check: "foreign-code", count: foreign.count,
            message: "trigger(s) or view(s) guanxi did not create (not evaluated; a build refuses the store)",
            examples: foreign)
    }

    /// SQL with its runs of white space made one space, and no final `;`.
    static func normalizedSQL(_ sql: String) -> String {
        var words = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        while words.hasSuffix(";") { words.removeLast() }
        return words
    }

    /// Throws for a database guanxi did not make, or a store with code
    /// guanxi did not put there. A build (`forBuild`) takes an empty
    /// database and makes it a store; reading wants a store.
    static func refuseForeign(_ inspection: StoreInspection, path: String, forBuild: Bool) throws {
        if !inspection.isGuanxi {
            if inspection.isEmpty && forBuild { return }
            let what =
                inspection.isEmpty
                ? "an empty SQLite database"
                : "an SQLite database that guanxi did not make (it has no grdb_migrations table; its tables: "
                    + inspection.tables.prefix(5).joined(separator: ", ")
                    + (inspection.tables.count > 5 ? ", …" : "") + ")"
            throw StoreError(
                .notAStore, path: path,
                "\(what); guanxi left it untouched; give a store made by `guanxi build` or a new --store path")
        }
        if !forBuild {
            guard inspection.shadowingViews.isEmpty else {
                throw StoreError(
                    .foreignCode, path: path,
                    "the store's \(inspection.shadowingViews.joined(separator: ", ")) is a view guanxi did not create, "
                        + "in place of guanxi's own; guanxi does not evaluate it; build the store anew")
            }
            return
        }
        let foreign = inspection.triggers.map { "trigger \($0)" } + inspection.foreignViews.map { "view \($0)" }
        if !foreign.isEmpty {
            throw StoreError(
                .foreignCode, path: path,
                "the store holds \(foreign.joined(separator: ", ")), which guanxi did not create and will not run; "
                    + "nothing was written; drop them (sqlite3 \(path) \"DROP TRIGGER …\") or build a new --store")
        }
    }
}
