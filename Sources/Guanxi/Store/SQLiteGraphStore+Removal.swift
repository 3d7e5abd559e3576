import Foundation
import GRDB

/// A document as the store keeps it, for `guanxi remove` and the duplicate
/// warnings of a build: where it is and how much it holds.
public struct StoredDocument: Sendable, Hashable {
    public var id: Int64
    /// The absolute standard path the build stored it under (`document.path`).
    public var path: String
    public var contentHash: String
    public var size: Int
    /// How many articles were read from it.
    public var articles: Int

    public init(id: Int64, path: String, contentHash: String, size: Int, articles: Int) {
        self.id = id
        self.path = path
        self.contentHash = contentHash
        self.size = size
        self.articles = articles
    }
}

extension SQLiteGraphStore {
    public func storedDocuments(under paths: [String]) throws -> [[StoredDocument]] {
        try read { db in
            // The path itself, or every path below it as a folder: `p/` ≤ path < `p0`
            // ('0' follows '/'), a range of the unique index on `path`.
            let statement = try db.makeStatement(
                sql: """
                    SELECT d.id, d.path, d.contentHash, d.size,
                        (SELECT count(*) FROM article a WHERE a.documentId = d.id) AS articles
                    FROM document d
                    WHERE d.path = ?1 OR (d.path >= ?2 AND d.path < ?3)
                    ORDER BY d.path
                    """)
            return try paths.map { path in
                let folder = path.hasSuffix("/") ? path : path + "/"
                let end = String(folder.dropLast()) + "0"
                return try Row.fetchAll(statement, arguments: [path, folder, end]).map(Self.storedDocument)
            }
        }
    }

    public func storedContents() throws -> [UInt64: (size: Int, id: Int64)] {
        try read { db in
            // `contentHash` has no index: one pass over the document rows
            // (their first columns; the page text comes after them).
            var contents: [UInt64: (size: Int, id: Int64)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, contentHash, size FROM document ORDER BY id")
            while let row = try rows.next() {
                guard let text: String = row[1], let hash = UInt64(text, radix: 16) else { continue }
                if contents[hash] == nil { contents[hash] = (row[2] as Int? ?? 0, row[0]) }
            }
            return contents
        }
    }

    public func storedDocuments(ids: [Int64]) throws -> [StoredDocument] {
        try read { db in
            let statement = try db.makeStatement(
                sql: "SELECT id, path, contentHash, size, 0 AS articles FROM document WHERE id = ?")
            return try ids.compactMap { try Row.fetchOne(statement, arguments: [$0]).map(Self.storedDocument) }
                .sorted { $0.path < $1.path }
        }
    }

    public func removeDocuments(ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            // Articles, mentions, their people links and institution mentions
            // go with their document (ON DELETE CASCADE); the graph derived
            // from them is relinked after, and is marked stale in this same
            // transaction so that a remove killed before relinking is
            // relinked by the next build or remove.
            try db.execute(sql: "UPDATE linkState SET fingerprint = NULL")
            let delete = try db.makeStatement(sql: "DELETE FROM document WHERE id = ?")
            for id in ids { try delete.execute(arguments: [id]) }
        }
    }

    private static func storedDocument(_ row: Row) -> StoredDocument {
        StoredDocument(
            id: row[0], path: row[1], contentHash: row[2], size: row[3] as Int? ?? 0, articles: row[4] as Int? ?? 0)
    }
}
