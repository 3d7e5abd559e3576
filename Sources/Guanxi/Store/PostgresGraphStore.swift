import Foundation

/// The shared store (issue 25): the graph in a PostgreSQL database, in one
/// schema of it (`guanxi` unless the URL says `schema=`), with the tables,
/// ids and semantics of ``SQLiteGraphStore`` (docs/store-schema.md).
///
/// Opening for a build (`create`) creates or upgrades the schema under an
/// advisory lock, so that builders starting together do it once; opening
/// for reading changes nothing and refuses a schema that is missing, older
/// or newer. A store written by a newer guanxi is refused by both.
///
/// The connection comes from the GuanxiPostgres library
/// (`PostgresGraphStore(url:create:)`), which keeps swift-nio out of this one.
public final class PostgresGraphStore: GraphStore, @unchecked Sendable {
    /// The schema version this guanxi writes: the same tables as
    /// ``SQLiteGraphStore/schemaVersion`` (the two are kept equal).
    public static let schemaVersion = 9

    /// Where the store is, for messages: the URL without its password.
    public let location: String
    let session: any SQLSession
    /// The PostgreSQL schema holding the tables.
    public let schema: String
    /// Whether this store was opened for a build (it may write).
    let writable: Bool
    /// Whether this is the view of a dry run (``simulate(_:)``): its
    /// transaction is open on this thread, so no other thread writes.
    let dryRun: Bool
    /// Which lock of the builds writing this store this build holds
    /// (PostgresGraphStore+Builders.swift).
    let builderLock = BuilderLock()

    /// Opens the store in `schema` of the database `session` is connected
    /// to: for a build (`create`), which creates and upgrades the schema, or
    /// for reading only. `location` names it in messages (no password).
    /// - Throws: ``StoreError`` `.missing` (no store in that schema, when
    ///   reading), `.olderSchema`, `.newerSchema`, `.notAStore`, `.database`.
    public init(session: any SQLSession, location: String, schema: String = "guanxi", create: Bool = true) throws {
        self.session = session
        self.schema = schema
        self.location = location
        self.writable = create
        self.dryRun = false
        let version = try storedVersion()
        if let version, version > Self.schemaVersion {
            throw StoreError(
                .newerSchema, path: location,
                "this store has schema version \(version), written by a newer guanxi (this one writes version "
                    + "\(Self.schemaVersion)); upgrade guanxi or give another --store")
        }
        if create {
            try requireWritePrivileges(exists: version != nil)
            if version != Self.schemaVersion { try migrate() }
        } else {
            guard let version else {
                if let unreadable = try unreadableStore() { throw unreadable }
                throw StoreError(
                    .missing, path: location,
                    "this database has no guanxi store in schema \(schema); run `guanxi build PATH... --store "
                        + "\(location)` first")
            }
            if version < Self.schemaVersion {
                throw StoreError(
                    .olderSchema, path: location,
                    "this store has schema version \(version), written by an older guanxi (this one reads version "
                        + "\(Self.schemaVersion)); only a build upgrades it")
            }
        }
        try session.execute("SET search_path TO \(Self.quoted(schema))")
    }

    /// The view of `store` inside a dry run's transaction.
    private init(dryRunOf store: PostgresGraphStore) {
        session = store.session
        schema = store.schema
        location = store.location
        writable = store.writable
        dryRun = true
    }

    public var writesFromAnyThread: Bool { !dryRun }

    public func simulate<T>(_ body: (any GraphStore) throws -> T) throws -> T {
        if dryRun { return try body(self) }
        var outcome: Result<T, any Error>?
        try session.transaction(rollback: true) {
            outcome = Result { try body(PostgresGraphStore(dryRunOf: self)) }
        }
        guard let outcome else { throw StoreError(.database, path: location, "the dry run did not run") }
        return try outcome.get()
    }

    /// The store's schema version; nil when the schema holds no store.
    /// - Throws: `.notAStore` when the schema holds tables guanxi did not make.
    private func storedVersion() throws -> Int? {
        let tables =
            try session.int(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", [.text(schema)]) ?? 0
        guard tables > 0 else { return nil }
        let hasVersion =
            try session.int(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schemaversion'",
                [.text(schema)]) ?? 0
        guard hasVersion > 0 else {
            throw StoreError(
                .notAStore, path: location,
                "schema \(schema) holds tables guanxi did not make; name another schema (?schema=NAME) or database")
        }
        return try session.int("SELECT max(version) FROM \(Self.quoted(schema)).schemaVersion").map(Int.init)
    }

    /// Creates or upgrades the schema, under a transaction-scoped advisory
    /// lock (builders opening the store together wait for the first).
    private func migrate() throws {
        try session.transaction {
            try session.rows("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("guanxi.migrate." + schema)])
            // Only when it is missing: CREATE SCHEMA IF NOT EXISTS needs the
            // right to create schemas in the database even when the schema
            // exists, which a writer role given its own schema lacks.
            let schemas = try session.int("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(schema)]) ?? 0
            if schemas == 0 { try session.execute("CREATE SCHEMA \(Self.quoted(schema))") }
            try session.execute("SET LOCAL search_path TO \(Self.quoted(schema))")
            let exists =
                try session.int(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schemaversion'",
                    [.text(schema)]) ?? 0
            var version = 0
            if exists > 0 { version = Int(try session.int("SELECT max(version) FROM schemaVersion") ?? 0) }
            if version > Self.schemaVersion {
                throw StoreError(
                    .newerSchema, path: location,
                    "this store has schema version \(version), written by a newer guanxi; upgrade guanxi")
            }
            for migration in PostgresSchema.migrations where migration.version > version {
                try session.execute(migration.sql)
                try session.rows(
                    "INSERT INTO schemaVersion (version, name, appliedAt) VALUES ($1, $2, now())",
                    [.int(migration.version), .text(migration.name)])
                version = migration.version
            }
        }
    }

    /// Fails unless the store was opened for a build.
    func requireWritable() throws {
        guard writable else {
            throw StoreError(
                .database, path: location, "this store is open for reading only; only `guanxi build` writes to it")
        }
    }
}

extension PostgresGraphStore {
    /// `name` as a quoted SQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
