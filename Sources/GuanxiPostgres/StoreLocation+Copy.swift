import Foundation
import Guanxi

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoreLocation {
    /// Copies the whole store at `source` into `target` (`guanxi copy`):
    /// an SQLite file or a PostgreSQL URL each. The source is opened for
    /// reading only and read from one snapshot; the target is written whole
    /// or not at all (``SQLiteGraphStore/receiveCopy(at:replace:_:)``,
    /// ``PostgresGraphStore/receiveCopy(session:location:schema:replace:_:)``).
    /// - Returns: the rows copied, table by table.
    /// - Throws: ``StoreError`` (a source missing, of an older or newer
    ///   schema; a target that is not a store, of a newer schema, or that the
    ///   role may not write); ``StoreCopyError`` (the same store, a target
    ///   holding a store without `replace`).
    @discardableResult
    public static func copy(
        from source: String, to target: String, replace: Bool, progress: (StoreCopyProgress) -> Void = { _ in }
    ) throws -> [(table: String, rows: Int)] {
        if !isPostgres(source) && !isPostgres(target) && sameFile(source, target) {
            throw StoreCopyError.sameStore(target)
        }
        let reader: any StoreRowSource
        var sourceServer: [String]?
        if isPostgres(source) {
            let url = try PostgresURL(source)
            let session = try PostgresSession(url)
            reader = try PostgresGraphStore(
                session: session, location: url.description, schema: url.schema, create: false)
            sourceServer = try server(session) + [url.schema]
        } else {
            reader = try SQLiteGraphStore(path: source, create: false)
        }
        var copied: [(table: String, rows: Int)] = []
        if isPostgres(target) {
            let url = try PostgresURL(target)
            let session = try PostgresSession(url)
            if let sourceServer, try server(session) + [url.schema] == sourceServer {
                throw StoreCopyError.sameStore(url.description)
            }
            try PostgresGraphStore.receiveCopy(
                session: session, location: url.description, schema: url.schema, replace: replace
            ) { writer in
                copied = try StoreCopy.run(from: reader, into: writer, target: url.description, progress: progress)
            }
        } else {
            try SQLiteGraphStore.receiveCopy(at: target, replace: replace) { writer in
                copied = try StoreCopy.run(from: reader, into: writer, target: target, progress: progress)
            }
        }
        return copied
    }

    /// Whether two paths name one file (the second may not exist).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Which server and database a session is connected to, whatever name
    /// the URL gave the host (`localhost`, `127.0.0.1`, a DNS alias).
    private static func server(_ session: PostgresSession) throws -> [String] {
        let row = try session.rows(
            """
            SELECT coalesce(host(inet_server_addr()), ''), coalesce(inet_server_port(), 0)::text,
                current_database(), pg_postmaster_start_time()::text
            """, []
        ).first
        return (0..<4).map { row?.string($0) ?? "" }
    }
}
