import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// The PostgreSQL server the store tests may use: `GUANXI_TEST_POSTGRES`
/// (`scripts/pg-test-server start` prints one). Without it the PostgreSQL
/// cases are skipped, and say so.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["GUANXI_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let skipped: Comment =
        "no PostgreSQL server: set GUANXI_TEST_POSTGRES=postgres://… (scripts/pg-test-server start prints one)"

    /// `url` with `schema=NAME` added.
    static func url(schema: String) -> String {
        let base = url ?? ""
        return base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
    }
}

/// The two kinds of store the contract suites run against.
enum StoreKind: String, Sendable {
    case sqlite, postgres

    /// A new, empty store of this kind (its own file, or its own schema of the test database).
    func make() throws -> TestStore { try TestStore(self) }
}

/// A store of one test's own: an SQLite file in a temporary folder, or a
/// schema of its own in the test database, dropped when the test ends.
final class TestStore {
    let kind: StoreKind
    /// What `--store` would say.
    let location: String
    private let dir: TempDir?
    /// The PostgreSQL schema of the store (nil for SQLite).
    let schema: String?
    private(set) var store: any GraphStore

    init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let dir = try TempDir()
            self.dir = dir
            schema = nil
            location = dir.path("store.sqlite")
        case .postgres:
            dir = nil
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            self.schema = schema
            location = TestPostgres.url(schema: schema)
        }
        store = try StoreLocation.open(location, create: true)
    }

    /// The store at `location`, made by an earlier step of the test (a
    /// copy), opened for builds; whoever made it removes it.
    init(opening location: String, kind: StoreKind) throws {
        self.kind = kind
        self.location = location
        dir = nil
        schema = nil
        store = try StoreLocation.open(location, create: true)
    }

    deinit {
        if let schema, let url = try? PostgresURL(TestPostgres.url ?? "") {
            try? PostgresSession(url).execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
        }
        dir?.cleanUp()
    }

    /// Opens the store again, as another command would.
    func reopen(create: Bool) throws -> any GraphStore {
        try StoreLocation.open(location, create: create)
    }

    /// Runs raw SQL against the store's tables (to damage it on purpose).
    func execute(_ sql: String) throws {
        switch store {
        case let sqlite as SQLiteGraphStore: try sqlite.execute(sql)
        case let postgres as PostgresGraphStore: try postgres.session.transaction { try postgres.session.execute(sql) }
        default: Issue.record("unknown store \(type(of: store))")
        }
    }

    /// Builds `paths` into the store.
    @discardableResult
    func build(_ paths: [String], curation: Curation = .none) throws -> BuildSummary {
        let builder = try GraphBuilder(store: store, options: GraphBuilder.Options(curation: curation))
        return try builder.build(paths: paths)
    }
}
