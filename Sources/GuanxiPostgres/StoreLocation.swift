import Foundation
import Guanxi

extension PostgresGraphStore {
    /// Connects to the PostgreSQL store at `url` (`postgres://user@host:port/db`,
    /// see ``PostgresURL``): for a build (`create`), or for reading only.
    /// - Throws: ``StoreError``; no message holds the password.
    public convenience init(url: String, create: Bool = true) throws {
        let parsed = try PostgresURL(url)
        try self.init(
            session: try PostgresSession(parsed), location: parsed.description, schema: parsed.schema, create: create)
    }
}

/// Where `--store` (or `GUANXI_STORE`) says the graph is: an SQLite file, or
/// a PostgreSQL database by its URL (`postgres://…`). The one place that
/// picks the store from the text.
public enum StoreLocation {
    /// The environment variable that gives the store when `--store` does not.
    public static let environmentVariable = "GUANXI_STORE"

    /// Whether `location` names a PostgreSQL store.
    public static func isPostgres(_ location: String) -> Bool { PostgresURL.isPostgres(location) }

    /// `location` for messages: a URL's password replaced by `***`.
    public static func shown(_ location: String) -> String { PostgresURL.redacting(location) }

    /// Opens the store at `location`: for a build (`create`) or for reading only.
    public static func open(_ location: String, create: Bool) throws -> any GraphStore {
        if isPostgres(location) { return try PostgresGraphStore(url: location, create: create) }
        return try SQLiteGraphStore(path: location, create: create)
    }
}
