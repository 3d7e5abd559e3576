import Foundation

/// Builds and documents: what a build writes and reads back, with the
/// semantics of the SQLite store (a batch is stored whole or not at all; a
/// document at a path replaces the one stored there; writing documents
/// marks the linked graph stale).
extension PostgresGraphStore {
    public func beginBuild() throws -> Int64 {
        try requireWritable()
        try recordDeadBuilds()
        return try session.transaction {
            guard
                let id = try session.int(
                    "INSERT INTO build (startedAt, status) VALUES ($1, 'running') RETURNING id", [.text(Self.now())])
            else { throw StoreError(.database, path: location, "the server returned no build id") }
            // Held while the build runs (PostgresGraphStore+BuildLiveness.swift).
            try lockBuild(id)
            return id
        }
    }

    public func finishBuild(_ id: Int64, status: String, note: String) throws {
        try requireWritable()
        // However the build ended, the other builds no longer wait for it.
        try releaseBuilderLock()
        try session.rows(
            "UPDATE build SET finishedAt = $1, status = $2, note = $3 WHERE id = $4",
            [.text(Self.now()), .text(status), .text(note), .int(id)])
        try unlockBuild(id)
    }

    public func storedHashes(paths: [String]) throws -> [String?] {
        try storedReadStates(paths: paths).map { $0?.contentHash }
    }

    public func storedReadStates(paths: [String]) throws -> [StoredReadState?] {
        guard !paths.isEmpty else { return [] }
        // One round trip for the batch: the paths as an array, each found by the unique index.
        var found: [String: StoredReadState] = [:]
        for chunk in stride(from: 0, to: paths.count, by: 1_000).map({ paths[$0..<min($0 + 1_000, paths.count)] }) {
            let rows = try session.rows(
                """
                SELECT path, contentHash, date, url, homeJurisdiction, readOptions FROM document
                WHERE path = ANY($1::text[])
                """,
                [.text(Self.textArray(Array(chunk)))])
            for row in rows {
                guard let path = row.string(0), let hash = row.string(1) else {
                    continue
                }
                found[path] = StoredReadState(
                    contentHash: hash, date: row.string(2), url: row.string(3),
                    homeJurisdiction: row.string(4), readOptions: row.string(5))
            }
        }
        return paths.map { found[$0] }
    }

    /// Stores the batch in one transaction, a statement per table for the
    /// whole batch (a round trip to the server a row was the time of a
    /// build): the documents and articles take ids drawn from their
    /// sequences, so that their articles and mentions can name them.
    ///
    /// Batches of several builds run side by side (they take the writing
    /// lock shared, PostgresGraphStore+Builders.swift). What they share is
    /// written first, in a short transaction of its own: the graph marked
    /// stale, and the rows of the institutions the batch names, which the
    /// batch's institution mentions point at (a batch naming an institution
    /// another batch has just added waits for that short commit only).
    public func replaceDocuments(_ documents: [PreparedDocument], build: Int64?, more: Int) throws {
        guard !documents.isEmpty else { return }
        try requireWritable()
        var institutions: [String] = []
        var seen = Set<String>()
        for document in documents {
            for a in document.rows.articles {
                for o in a.organizations {
                    let name = document.rows.string(o.name)
                    if seen.insert(name).inserted { institutions.append(name) }
                }
            }
        }
        try session.transaction {
            try lockForWriting()
            try markStale()
            try addInstitutions(institutions)
        }
        try session.transaction {
            // A relink (of `guanxi remove`) may have committed since, marking
            // the graph linked and deleting the institutions no mention
            // named: both are done again (without waiting, as a rule).
            try lockForWriting()
            try markStale()
            try addInstitutions(institutions)
            try session.rows(
                "DELETE FROM document WHERE path = ANY($1::text[])", [Self.array(documents.map(\.rows.document.path))])
            let documentIds = try ids("document", count: documents.count)
            let articleIds = try ids("article", count: documents.reduce(0) { $0 + $1.rows.articles.count })
            var documentRows: [[SQLValue]] = [], articleRows: [[SQLValue]] = [], mentionRows: [[SQLValue]] = []
            var organizationRows: [[SQLValue]] = []
            var nextArticle = 0
            for (document, documentId) in zip(documents, documentIds) {
                let rows = document.rows, d = rows.document, page = d.page
                func text(_ column: DocumentRows.Column) -> SQLValue { .text(rows.string(column)) }
                func text(_ column: DocumentRows.Column?) -> SQLValue { .text(column.map(rows.string)) }
                documentRows.append([
                    .int(documentId), .text(d.path), .text(d.source), .text(d.root), .text(d.contentHash), .int(d.size),
                    .text(rows.modified), .text(page.encoding), .text(page.format.rawValue), .text(page.url),
                    .text(page.date?.iso), .bool(page.date?.inferred ?? false), .text(d.homeJurisdiction),
                    text(rows.pageText), .int(build), .text(rows.jurisdictionCounts), .text(d.readOptions),
                ])
                for a in rows.articles {
                    let articleId = articleIds[nextArticle]
                    nextArticle += 1
                    articleRows.append([
                        .int(articleId), .int(documentId), .int(a.position), .text(a.kind), text(a.headline),
                        text(a.byline), .text(a.date), .bool(a.dateInferred), text(a.body), .int(a.bodyStart),
                        .int(a.bodyEnd), text(a.bodyOffsets),
                    ])
                    for m in a.mentions {
                        mentionRows.append([
                            .int(articleId), .int(m.position), text(m.name), .text(m.kind), .bool(m.referenced),
                            .bool(m.inName), .int(m.start), .int(m.end), text(m.spans), text(m.titles), text(m.rules),
                        ])
                    }
                    for o in a.organizations {
                        let name = rows.string(o.name)
                        organizationRows.append([
                            .int(articleId), .int(o.position), .text(name), .text(name), text(o.jurisdiction),
                            text(o.parent), text(o.written), .int(o.start), .int(o.end), text(o.spans),
                        ])
                    }
                }
            }
            // A COPY a table (each row sent as text, no statement to parse),
            // the mentions taking their ids in the order of the rows (article, then position).
            try session.copy(
                into: "document",
                columns: [
                    "id", "path", "source", "root", "contentHash", "size", "modifiedAt", "encoding", "format", "url",
                    "date", "dateInferred", "homeJurisdiction", "text", "buildId", "jurisdictionCounts", "readOptions",
                ], rows: documentRows)
            try session.copy(
                into: "article",
                columns: [
                    "id", "documentId", "position", "kind", "headline", "byline", "date", "dateInferred", "body",
                    "bodyStart", "bodyEnd", "bodyOffsets",
                ], rows: articleRows)
            try session.copy(
                into: "mention",
                columns: [
                    "articleId", "position", "name", "kind", "referenced", "inName", "startOffset", "endOffset",
                    "spans",
                    "titles", "rules",
                ], rows: mentionRows)
            // An institution mention points at its institution from the start.
            try session.copy(
                into: "organizationMention",
                columns: [
                    "articleId", "position", "name", "organizationId", "jurisdiction", "parent", "written",
                    "startOffset", "endOffset", "spans",
                ], rows: organizationRows)
        }
    }

    /// Makes the rows of the institutions named `names` that have none:
    /// empty, filled by linking. In one order, so that two builders' batches
    /// lock them alike.
    private func addInstitutions(_ names: [String]) throws {
        guard !names.isEmpty else { return }
        try session.rows(
            "INSERT INTO organization (id, name, aliases, articleCount) SELECT n, n, '[]', 0 "
                + "FROM unnest($1::text[]) AS n ORDER BY n ON CONFLICT DO NOTHING", [Self.array(names)])
    }

    /// `count` new ids of `table`, in increasing order, from its identity sequence.
    private func ids(_ table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try session.rows(
            "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2) ORDER BY 1",
            [.text(table), .int(count)]
        ).compactMap { $0.int64(0) }
    }

    public func storedDocuments(under paths: [String]) throws -> [[StoredDocument]] {
        try paths.map { path in
            // The path itself, or every path below it as a folder: `p/` ≤ path < `p0` ('0' follows '/').
            let folder = path.hasSuffix("/") ? path : path + "/"
            let end = String(folder.dropLast()) + "0"
            return try session.rows(
                """
                SELECT d.id, d.path, d.contentHash, d.size,
                    (SELECT count(*) FROM article a WHERE a.documentId = d.id) AS articles
                FROM document d
                WHERE d.path = $1 OR (d.path >= $2 AND d.path < $3)
                ORDER BY d.path
                """, [.text(path), .text(folder), .text(end)]
            ).map(Self.storedDocument)
        }
    }

    public func storedContents() throws -> [UInt64: (size: Int, id: Int64)] {
        var contents: [UInt64: (size: Int, id: Int64)] = [:]
        for row in try session.rows("SELECT id, contentHash, size FROM document ORDER BY id") {
            guard let text = row.string(1), let hash = UInt64(text, radix: 16) else { continue }
            if contents[hash] == nil {
                contents[hash] = (Int(row.int64(2) ?? 0), row.int64(0) ?? 0)
            }
        }
        return contents
    }

    public func storedDocuments(ids: [Int64]) throws -> [StoredDocument] {
        guard !ids.isEmpty else { return [] }
        return try session.rows(
            "SELECT id, path, contentHash, size, 0 AS articles FROM document WHERE id = ANY($1::bigint[])",
            [Self.intArray(ids)]
        ).map(Self.storedDocument).sorted { $0.path < $1.path }
    }

    public func removeDocuments(ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try requireWritable()
        try session.transaction {
            // Articles, mentions, their people and institution mentions go with
            // their document (ON DELETE CASCADE); the graph is marked stale in
            // the same transaction.
            try lockForWriting()
            try markStale()
            try session.rows(
                "DELETE FROM document WHERE id = ANY($1::bigint[])",
                [Self.intArray(ids)])
        }
    }

    private static func storedDocument(_ row: SQLRow) -> StoredDocument {
        StoredDocument(
            id: row.int64(0) ?? 0, path: row.string(1) ?? "",
            contentHash: row.string(2) ?? "", size: Int(row.int64(3) ?? 0),
            articles: Int(row.int64(4) ?? 0))
    }

    /// `values` as a PostgreSQL array literal (`{"a",NULL}`), to bind as one text.
    static func textArray(_ values: [String?]) -> String {
        var literal = "{"
        for (k, value) in values.enumerated() {
            if k > 0 { literal += "," }
            guard let value else {
                literal += "NULL"
                continue
            }
            literal += "\""
            for c in value.unicodeScalars {
                if c == "\\" || c == "\"" { literal.unicodeScalars.append("\\") }
                literal.unicodeScalars.append(c)
            }
            literal += "\""
        }
        return literal + "}"
    }

    /// `values` as a PostgreSQL array literal of integers (`{1,2}`).
    static func intArray(_ values: [Int64]) -> SQLValue {
        .text("{" + values.map(String.init).joined(separator: ",") + "}")
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

extension DocumentRows {
    /// The text of `column`.
    func string(_ column: Column) -> String {
        String(decoding: text[column.start..<column.start + column.count], as: UTF8.self)
    }
}
