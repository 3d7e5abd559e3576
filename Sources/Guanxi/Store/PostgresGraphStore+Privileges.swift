/// What the connected role may do with the store, checked before a command
/// tries (issue 25: a reader role is enough for queries and exports, and a
/// build with it says so rather than failing on its first INSERT).
extension PostgresGraphStore {
    /// Fails unless the connected role may write the store: insert, update
    /// and delete in every table of its schema, or create the schema or its
    /// tables when there is no store yet. `exists`: whether the schema holds a store.
    /// - Throws: ``StoreError`` `.database` naming the role and what to do.
    func requireWritePrivileges(exists: Bool = true) throws {
        let role = try session.rows("SELECT current_user").first?.string(0) ?? "this role"
        if exists {
            let denied =
                try session.rows(
                    """
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = $1 AND c.relkind = 'r' AND NOT (has_table_privilege(c.oid, 'INSERT')
                        AND has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'DELETE'))
                    ORDER BY c.relname
                    """, [.text(schema)]
                ).compactMap { $0.string(0) }
            guard denied.isEmpty else {
                throw StoreError(
                    .database, path: location,
                    "the role \(role) may only read this store (it may not write to \(denied.count) of its tables, "
                        + "\(denied.prefix(3).joined(separator: ", "))\(denied.count > 3 ? ", …" : "")): stats, check, "
                        + "explain, the queries and export work with it; build, remove and copy need the writer "
                        + "role (the owner of schema \(schema)) in the URL")
            }
            return
        }
        let schemaExists = try session.int("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(schema)]) ?? 0
        let allowed: Bool
        if schemaExists > 0 {
            allowed =
                try session.rows("SELECT has_schema_privilege($1, 'CREATE')::int", [.text(schema)]).first?.bool(0)
                ?? false
        } else {
            allowed =
                try session.rows("SELECT has_database_privilege(current_database(), 'CREATE')::int").first?.bool(0)
                ?? false
        }
        guard allowed else {
            let what =
                schemaExists > 0 ? "create tables in schema \(schema)" : "create schema \(schema) in this database"
            throw StoreError(
                .database, path: location,
                "the role \(role) may not \(what), so it cannot make a store here: build with a role that may "
                    + "(CREATE SCHEMA \(schema) AUTHORIZATION the writer role, as the README shows)")
        }
    }

    /// Why a reader finds no store in the schema when one is there: its role
    /// may not use the schema or read its tables. Nil when there is no store.
    func unreadableStore() throws -> StoreError? {
        let version =
            try session.int(
                """
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = $1 AND c.relname = 'schemaversion'
                """, [.text(schema)]) ?? 0
        guard version > 0 else { return nil }
        let role = try session.rows("SELECT current_user").first?.string(0) ?? "this role"
        return StoreError(
            .database, path: location,
            "schema \(schema) holds a store the role \(role) may not read; its owner grants it with "
                + "GRANT USAGE ON SCHEMA \(schema) TO \(role); GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role)"
        )
    }
}
