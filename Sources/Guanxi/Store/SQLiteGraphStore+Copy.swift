import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `guanxi copy` from and into an SQLite store (see ``StoreCopy``).
extension SQLiteGraphStore: StoreRowSource {
    public func readingRows<T>(_ body: (any StoreRowReader) throws -> T) throws -> T {
        // One read transaction: one snapshot of the store (WAL). Errors the
        // body throws that are not SQLite's (the target's, a copy's) come out
        // as they were, not as this store's StoreError.
        var own: (any Error)?
        do {
            return try read { db in
                do {
                    return try body(SQLiteRows(db: db))
                } catch let error where !(error is DatabaseError) {
                    own = error
                    throw error
                }
            }
        } catch {
            throw own ?? error
        }
    }

    /// Writes a copy into the store at `path`, whole or not at all.
    ///
    /// With no store at `path`, the copy is written into `path.copying`
    /// beside it (one transaction, with a rollback journal, as a first
    /// build writes), which is renamed to `path` once complete and back in
    /// WAL: a copy killed before that leaves `path` as it was and a
    /// `path.copying` the next copy replaces. Into an existing store (which
    /// needs `replace` unless it holds no build and no document), the old
    /// rows are deleted and the copy written in one transaction, which a
    /// killed copy leaves rolled back. The store's write lock
    /// (``lockForWriting(path:)``) is held throughout, so no build writes
    /// meanwhile.
    /// - Throws: ``StoreError`` (a file that is not a store, a store of a
    ///   newer schema, a build writing it); ``StoreCopyError/targetNotEmpty(_:documents:builds:)``.
    public static func receiveCopy(at path: String, replace: Bool, _ body: (any StoreRowWriter) throws -> Void) throws {
        let lock = try lockForWriting(path: path)
        defer { lock.release() }
        if try checkFile(path, create: true) != nil {
            let store = try SQLiteGraphStore(path: path, create: true)
            try store.fill(replace: replace, body)
            return
        }
        let partial = path + ".copying"
        func removePartial() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: partial + suffix)
            }
        }
        removePartial()
        do {
            try {
                let store = try SQLiteGraphStore(path: partial, create: true)
                let bulk = try store.beginBulkWrite()
                try store.fill(replace: replace, body)
                if bulk {
                    try store.endBulkWrite()
                    try store.returnToWAL()
                }
            }()
            // The store is closed: its log is checkpointed into it and gone.
            guard !FileManager.default.fileExists(atPath: partial + "-wal") else {
                throw StoreError(.database, path: path, "the copy \(partial) was not closed cleanly; copy again")
            }
            // A log or journal left by a store once at `path` and deleted
            // would be read into the copy as if it were its own.
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard rename(partial, path) == 0 else {
                throw StoreError(
                    .database, path: path,
                    "cannot rename the copy \(partial) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            removePartial()
            throw error
        }
    }

    /// Replaces every row of this store with `body`'s, in one transaction.
    private func fill(replace: Bool, _ body: (any StoreRowWriter) throws -> Void) throws {
        var own: (any Error)?
        do {
            try write { db in
                do {
                    try fill(db, replace: replace, body)
                } catch let error where !(error is DatabaseError) {
                    own = error
                    throw error
                }
            }
        } catch {
            throw own ?? error
        }
    }

    private func fill(_ db: Database, replace: Bool, _ body: (any StoreRowWriter) throws -> Void) throws {
        let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0
        let builds = try Int.fetchOne(db, sql: "SELECT count(*) FROM build") ?? 0
        if (documents > 0 || builds > 0) && !replace {
            throw StoreCopyError.targetNotEmpty(location, documents: documents, builds: builds)
        }
        // Rows point at rows of tables copied later (an institution at its parent).
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for table in StoreTable.all.reversed() { try db.execute(sql: "DELETE FROM \(table.name)") }
        try body(SQLiteRows(db: db))
    }
}

/// The rows of an SQLite store inside one of its transactions.
private struct SQLiteRows: StoreRowReader, StoreRowWriter {
    let db: Database

    func count(_ table: StoreTable) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
    }

    func rows(_ table: StoreTable, after key: [SQLValue]?, limit: Int) throws -> [[SQLValue]] {
        let condition = StoreCopy.after(table, key) { _, _ in "?" }
        let statement = try RawStatement(
            db,
            sql:
                "SELECT \(table.columnList) FROM \(table.name) \(condition) ORDER BY \(table.key.joined(separator: ", ")) "
                + "LIMIT \(limit)")
        for (k, value) in (key ?? []).enumerated() { bind(value, to: statement, at: Int32(k + 1)) }
        var rows: [[SQLValue]] = []
        while try statement.step() {
            rows.append(
                table.columns.enumerated().map { k, column in
                    let i = Int32(k)
                    if column.isInteger { return .int(statement.isNull(i) ? nil : statement.int64(i)) }
                    return .text(statement.string(i))
                })
        }
        return rows
    }

    func insert(_ table: StoreTable, _ rows: [[SQLValue]]) throws {
        let insert = MultiRowInsert(
            db, "INSERT INTO \(table.name) (\(table.columnList)) VALUES", columns: table.columns.count)
        try insert.run(count: rows.count) { statement, k, first in
            for (c, value) in rows[k].enumerated() { bind(value, to: statement, at: first + Int32(c)) }
        }
    }

    private func bind(_ value: SQLValue, to statement: RawStatement, at index: Int32) {
        switch value {
        case .int(let number): statement.bind(number, at: index)
        case .text(let text): statement.bind(text, at: index)
        }
    }
}
