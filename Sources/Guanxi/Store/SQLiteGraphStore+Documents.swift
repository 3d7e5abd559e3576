import Foundation
import GRDB

/// A document read and extracted, with its rows (JSON columns written)
/// made ready to store: made on the thread that extracted it, so the one
/// thread that writes the store only binds and steps statements.
public struct PreparedDocument: Sendable {
    let rows: DocumentRows

    /// The document's rows from its page and the extraction of its articles.
    public init(_ document: DocumentInput, extractions: [ArticleExtraction]) {
        rows = DocumentRows(document, extractions)
    }

    /// The document as read.
    public var document: DocumentInput { rows.document }
}

extension SQLiteGraphStore {
    /// Stores the documents in one transaction: a build killed halfway leaves
    /// each batch either fully stored or not at all.
    ///
    /// When the build will write at least a quarter as many documents again
    /// as the store holds, the name index of mentions (random inserts: each
    /// batch rewrote most of its pages) is dropped in the same transaction;
    /// the relink that every document write calls for rebuilds it in one sort.
    public func replaceDocuments(_ documents: [PreparedDocument], build: Int64?, more: Int) throws {
        guard !documents.isEmpty else { return }
        try write { db in
            try db.execute(sql: "UPDATE linkState SET fingerprint = NULL")
            if more > 0, try Self.hasIndex(db, "mention_on_name"),
                (documents.count + more) * 4 >= (try Int.fetchOne(db, sql: "SELECT max(id) FROM document") ?? 0)
            {
                try db.execute(sql: "DROP INDEX mention_on_name")
            }
            let statements = try DocumentStatements(db)
            for document in documents { try statements.insert(document.rows, build: build, db) }
        }
    }

    static func hasIndex(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [name]
        ) ?? false
    }

    /// `[[bodyOffset, sourceOffset, length], …]`: the body's map back to the
    /// document text, one run per stretch of consecutive source offsets.
    static func offsetRuns(_ offsets: [Int]) -> String {
        var w = JSONWriter(reservingCapacity: 16 + offsets.count / 2)
        w.beginArray()
        var start = 0
        while start < offsets.count {
            var end = start + 1
            while end < offsets.count, offsets[end] == offsets[end - 1] + 1 { end += 1 }
            w.beginArray(); w.int(start); w.int(offsets[start]); w.int(end - start); w.endArray()
            start = end
        }
        w.endArray()
        return w.output
    }

    /// `[[start,end],…]`: spans as JSON.
    static func spansJSON(_ spans: [Range<Int>]) -> String {
        var w = JSONWriter(reservingCapacity: 2 + 16 * spans.count)
        w.beginArray()
        for span in spans { w.beginArray(); w.int(span.lowerBound); w.int(span.upperBound); w.endArray() }
        w.endArray()
        return w.output
    }

    /// The titles of a mention as JSON, in the shape `TitleMention` decodes from.
    static func titlesJSON(_ titles: [TitleMention]) -> String {
        var w = JSONWriter(reservingCapacity: 16 + 128 * titles.count)
        w.beginArray()
        for t in titles {
            w.beginObject()
            if t.former == true { w.key("former"); w.bool(true) }
            w.key("isRank"); w.bool(t.isRank)
            if let j = t.jurisdiction { w.key("jurisdiction"); w.string(j) }
            if let o = t.organization { w.key("organization"); w.string(o) }
            w.key("role"); w.string(t.role)
            w.key("span"); w.beginArray(); w.int(t.span.lowerBound); w.int(t.span.upperBound); w.endArray()
            w.key("text"); w.string(t.text)
            w.endObject()
        }
        w.endArray()
        return w.output
    }

    static func stringsJSON(_ values: [String]) -> String {
        var w = JSONWriter(reservingCapacity: 64)
        w.strings(values)
        return w.output
    }


    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) -> String {
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// One document's rows, column values ready to bind (JSON columns written).
struct DocumentRows: Sendable {
    struct Mention: Sendable {
        var position: Int64, name: String, kind: String, referenced: Bool, inName: Bool
        var start: Int64, end: Int64, spans: String, titles: String, rules: String
    }

    struct Organization: Sendable {
        var position: Int64, name: String, jurisdiction: String?, parent: String?, written: String
        var start: Int64?, end: Int64?, spans: String
    }

    struct Article: Sendable {
        var position: Int64, kind: String, headline: String?, byline: String?, date: String?, dateInferred: Bool
        var body: ScalarText, bodyStart: Int64?, bodyEnd: Int64?, bodyOffsets: String
        var mentions: [Mention]
        var organizations: [Organization]
    }

    var document: DocumentInput
    var modified: String?
    var articles: [Article] = []
    /// `{"永康市":12,…}`: the page's home once per mention, and each title's jurisdiction.
    var jurisdictionCounts: String

    init(_ document: DocumentInput, _ extractions: [ArticleExtraction]) {
        self.document = document
        modified = document.modified.map { $0.formatted(.iso8601) }
        var counts: [ByteKey: Int] = [:]
        for person in extractions.lazy.flatMap(\.people) {
            if let home = document.homeJurisdiction { counts[ByteKey(home), default: 0] += 1 }
            for t in person.titles { if let j = t.jurisdiction { counts[ByteKey(j), default: 0] += 1 } }
        }
        var json = JSONWriter(reservingCapacity: 256)
        json.beginObject()
        for (j, n) in counts.sorted(by: { $0.key.string < $1.key.string }) { json.key(j.string); json.int(n) }
        json.endObject()
        jurisdictionCounts = json.output
        var used = Set<Int>()
        for (offset, extraction) in extractions.enumerated() {
            let article = extraction.article
            let position = used.contains(article.index) ? offset : article.index
            used.insert(position)
            let body = article.body
            articles.append(Article(
                position: Int64(position), kind: article.kind.rawValue, headline: article.headline?.text,
                byline: article.byline?.text, date: article.date?.iso, dateInferred: article.date?.inferred ?? false,
                body: ScalarText(scalars: body.scalars), bodyStart: body.sourceOffsets.first.map(Int64.init),
                bodyEnd: body.sourceOffsets.last.map { Int64($0 + 1) },
                bodyOffsets: SQLiteGraphStore.offsetRuns(body.sourceOffsets),
                mentions: extraction.people.enumerated().map { position, person in
                    let first = person.spans.min { $0.lowerBound < $1.lowerBound } ?? (0..<0)
                    return Mention(
                        position: Int64(position), name: person.name, kind: person.kind.rawValue,
                        referenced: person.referenced, inName: person.inName, start: Int64(first.lowerBound),
                        end: Int64(first.upperBound),
                        spans: SQLiteGraphStore.spansJSON(person.spans),
                        titles: SQLiteGraphStore.titlesJSON(person.titles), rules: SQLiteGraphStore.stringsJSON(person.rules))
                },
                organizations: extraction.organizations.enumerated().map { position, org in
                    let first = org.spans.min { $0.lowerBound < $1.lowerBound }
                    return Organization(
                        position: Int64(position), name: org.name, jurisdiction: org.jurisdiction, parent: org.parent,
                        written: SQLiteGraphStore.stringsJSON(org.mentions), start: first.map { Int64($0.lowerBound) },
                        end: first.map { Int64($0.upperBound) },
                        spans: SQLiteGraphStore.spansJSON(org.spans))
                }))
        }
    }
}

/// The statements that store documents, prepared once per batch.
private struct DocumentStatements {
    let deleteDocument: RawStatement
    let document: RawStatement
    let article: RawStatement
    let mention: RawStatement
    let organization: RawStatement

    init(_ db: Database) throws {
        deleteDocument = try RawStatement(db, sql: "DELETE FROM document WHERE path = ?")
        document = try RawStatement(db, sql: """
            INSERT INTO document (path, source, root, contentHash, size, modifiedAt, encoding, format, url,
                date, dateInferred, homeJurisdiction, text, buildId, jurisdictionCounts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        article = try RawStatement(db, sql: """
            INSERT INTO article (documentId, position, kind, headline, byline, date, dateInferred, body,
                bodyStart, bodyEnd, bodyOffsets)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        mention = try RawStatement(db, sql: """
            INSERT INTO mention (articleId, position, name, kind, referenced, inName, startOffset, endOffset,
                spans, titles, rules)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        organization = try RawStatement(db, sql: """
            INSERT INTO organizationMention (articleId, position, name, jurisdiction, parent, written,
                startOffset, endOffset, spans)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func insert(_ rows: DocumentRows, build: Int64?, _ db: Database) throws {
        let d = rows.document, page = d.page
        try deleteDocument.run(d.path)
        try document.run(
            d.path, d.source, d.root, d.contentHash, Int64(d.size), rows.modified, page.encoding, page.format.rawValue,
            page.url, page.date?.iso, page.date?.inferred ?? false, d.homeJurisdiction, ScalarText(scalars: page.scalars), build,
            rows.jurisdictionCounts)
        let documentId = db.lastInsertedRowID
        for a in rows.articles {
            try article.run(
                documentId, a.position, a.kind, a.headline, a.byline, a.date, a.dateInferred, a.body, a.bodyStart,
                a.bodyEnd, a.bodyOffsets)
            let articleId = db.lastInsertedRowID
            for m in a.mentions {
                try mention.run(
                    articleId, m.position, m.name, m.kind, m.referenced, m.inName, m.start, m.end, m.spans, m.titles,
                    m.rules)
            }
            for o in a.organizations {
                try organization.run(
                    articleId, o.position, o.name, o.jurisdiction, o.parent, o.written, o.start, o.end, o.spans)
            }
        }
    }
}
