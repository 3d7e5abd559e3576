/// `guanxi copy` from and into a PostgreSQL store (see ``StoreCopy``).
extension PostgresGraphStore: StoreRowSource {
    public func readingRows<T>(_ body: (any StoreRowReader) throws -> T) throws -> T {
        // One repeatable-read transaction: one snapshot of the store.
        try session.reading { try body(PostgresRows(session: session)) }
    }

    /// Writes a copy into the store in `schema` of the database `session` is
    /// connected to, whole or not at all: the schema is created if need be,
    /// the old rows deleted and the copy written in one transaction, which a
    /// killed copy (a dropped connection) leaves rolled back. The transaction
    /// holds the relink lock and the link state's row, so builders and
    /// relinks wait for it, and readers see the store before or after it.
    /// A store holding a build or a document is replaced only when `replace`.
    /// - Throws: ``StoreError`` (a schema holding other tables, a store of a
    ///   newer schema, a role that may not write); ``StoreCopyError/targetNotEmpty(_:documents:builds:)``.
    public static func receiveCopy(
        session: any SQLSession, location: String, schema: String, replace: Bool,
        _ body: (any StoreRowWriter) throws -> Void
    ) throws {
        try session.transaction {
            _ = try PostgresGraphStore(session: session, location: location, schema: schema, create: true)
            try session.rows("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("guanxi.relink." + schema)])
            try session.rows("SELECT fingerprint FROM linkState WHERE id = 1 FOR UPDATE")
            let documents = Int(try session.int("SELECT count(*) FROM document") ?? 0)
            let builds = Int(try session.int("SELECT count(*) FROM build") ?? 0)
            if (documents > 0 || builds > 0) && !replace {
                throw StoreCopyError.targetNotEmpty(location, documents: documents, builds: builds)
            }
            // Rows point at rows of tables copied later (an institution at its parent).
            try session.execute("SET CONSTRAINTS ALL DEFERRED")
            try session.execute("TRUNCATE " + StoreTable.all.map(\.name).joined(separator: ", "))
            try body(PostgresRows(session: session))
            // New rows take ids after the copied ones.
            for table in StoreTable.all where table.countsIds {
                try session.rows(
                    "SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(id) FROM \(table.name)), 0) "
                        + "+ 1, false)", [.text(table.name)])
            }
        }
    }
}

/// The rows of a PostgreSQL store inside one of its transactions.
private struct PostgresRows: StoreRowReader, StoreRowWriter {
    let session: any SQLSession

    func count(_ table: StoreTable) throws -> Int {
        Int(try session.int("SELECT count(*) FROM \(table.name)") ?? 0)
    }

    func rows(_ table: StoreTable, after key: [SQLValue]?, limit: Int) throws -> [[SQLValue]] {
        let condition = StoreCopy.after(table, key) { n, column in "$\(n)::" + (column.isInteger ? "bigint" : "text") }
        let rows = try session.rows(
            "SELECT \(table.columnList) FROM \(table.name) \(condition) ORDER BY \(table.key.joined(separator: ", ")) "
                + "LIMIT \(limit)", key ?? [])
        return rows.map { row -> [SQLValue] in
            table.columns.enumerated().map { k, column -> SQLValue in
                column.isInteger ? .int(row.int64(k)) : .text(row.string(k))
            }
        }
    }

    func insert(_ table: StoreTable, _ rows: [[SQLValue]]) throws {
        try session.insert("INSERT INTO \(table.name) (\(table.columnList))", columns: table.columns.count, rows)
    }
}
