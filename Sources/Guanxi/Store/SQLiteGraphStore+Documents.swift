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
    /// each batch either fully stored or not at all. A first build
    /// (``beginBulkWrite()``) keeps the transaction open for the batches
    /// that follow and commits once about ``bulkCommitBytes`` of pages are
    /// in it, when `more` is 0, or at ``endBulkWrite()``: a commit with a
    /// rollback journal syncs the journal and the store, and committing
    /// every batch (about 4 MB of pages) made a large first build wait for
    /// hundreds of them. A batch that fails
    /// takes the uncommitted batches before it with it; the build fails.
    public func replaceDocuments(_ documents: [PreparedDocument], build: Int64?, more: Int) throws {
        guard !documents.isEmpty else { return }
        guard isBulkWriting, case .pool(let pool) = connection else {
            try write { db in try insert(documents, build: build, db) }
            return
        }
        // A first build commits about every `bulkCommitBytes` of pages, not
        // every batch: each commit syncs the journal and the store.
        try wrap {
            try pool.writeWithoutTransaction { db in
                do {
                    if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
                    try insert(documents, build: build, db)
                    bulkUncommitted += documents.reduce(0) { $0 + $1.document.size }
                    if bulkUncommitted >= bulkCommitBytes || more == 0 {
                        try db.commit()
                        bulkUncommitted = 0
                    }
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    bulkUncommitted = 0
                    throw error
                }
            }
        }
    }

    private func insert(_ documents: [PreparedDocument], build: Int64?, _ db: Database) throws {
        try db.execute(sql: "UPDATE linkState SET fingerprint = NULL")
        var statements = try DocumentStatements(db, replacing: !isBulkWriting)
        for document in documents { try statements.insert(document.rows, build: build, db) }
    }

    /// `[[bodyOffset, sourceOffset, length], …]`: the body's map back to the
    /// document text, one run per stretch of consecutive source offsets.
    static func offsetRuns(_ offsets: [Int]) -> String {
        var w = JSONWriter(reservingCapacity: 16 + offsets.count / 2)
        writeOffsetRuns(offsets, to: &w)
        return w.output
    }

    static func writeOffsetRuns(_ offsets: [Int], to w: inout JSONWriter) {
        w.beginArray()
        var start = 0
        while start < offsets.count {
            var end = start + 1
            while end < offsets.count, offsets[end] == offsets[end - 1] + 1 { end += 1 }
            w.beginArray(); w.int(start); w.int(offsets[start]); w.int(end - start); w.endArray()
            start = end
        }
        w.endArray()
    }

    /// `[[start,end],…]`: spans as JSON.
    static func spansJSON(_ spans: [Range<Int>]) -> String {
        var w = JSONWriter(reservingCapacity: 2 + 16 * spans.count)
        writeSpans(spans, to: &w)
        return w.output
    }

    static func writeSpans(_ spans: [Range<Int>], to w: inout JSONWriter) {
        w.beginArray()
        for span in spans { w.beginArray(); w.int(span.lowerBound); w.int(span.upperBound); w.endArray() }
        w.endArray()
    }

    /// The titles of a mention as JSON, in the shape `TitleMention` decodes from.
    static func titlesJSON(_ titles: [TitleMention]) -> String {
        var w = JSONWriter(reservingCapacity: 16 + 128 * titles.count)
        writeTitles(titles, to: &w)
        return w.output
    }

    static func writeTitles(_ titles: [TitleMention], to w: inout JSONWriter) {
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

/// One document's rows, column values ready to bind: the text columns
/// (page text, bodies, names, JSON) are ranges of one buffer, `text`.
struct DocumentRows: Sendable {
    typealias Column = RowText.Column

    struct Mention: Sendable {
        var position: Int64, name: Column, kind: String, referenced: Bool, inName: Bool
        var start: Int64, end: Int64, spans: Column, titles: Column, rules: Column
    }

    struct Organization: Sendable {
        var position: Int64, name: Column, jurisdiction: Column?, parent: Column?, written: Column
        var start: Int64?, end: Int64?, spans: Column
    }

    struct Article: Sendable {
        var position: Int64, kind: String, headline: Column?, byline: Column?, date: String?, dateInferred: Bool
        var body: Column, bodyStart: Int64?, bodyEnd: Int64?, bodyOffsets: Column
        var mentions: [Mention]
        var organizations: [Organization]
    }

    var document: DocumentInput
    var modified: String?
    var articles: [Article] = []
    /// `{"永康市":12,…}`: the page's home once per mention, and each title's jurisdiction.
    var jurisdictionCounts: String
    var pageText: Column
    /// The bytes of every text column.
    var text: [UInt8]

    init(_ document: DocumentInput, _ extractions: [ArticleExtraction]) {
        self.document = document
        modified = document.modified.map { $0.formatted(.iso8601) }
        var counts: [ByteKey: Int] = [:]
        var people = 0
        for person in extractions.lazy.flatMap(\.people) {
            people += 1
            for t in person.titles { if let j = t.jurisdiction { counts[ByteKey(j), default: 0] += 1 } }
        }
        if let home = document.homeJurisdiction, people > 0 { counts[ByteKey(home), default: 0] += people }
        var json = JSONWriter(reservingCapacity: 256)
        json.beginObject()
        for (j, n) in counts.sorted(by: { $0.key.string < $1.key.string }) { json.key(j.string); json.int(n) }
        json.endObject()
        jurisdictionCounts = json.output
        let scalars = document.page.scalars
        // The page's text and each article's texts (three bytes a CJK
        // scalar), with room for the names and JSON: one allocation, no regrowth.
        var textScalars = scalars.count
        for e in extractions {
            textScalars += e.article.body.count + (e.article.headline?.count ?? 0) + (e.article.byline?.count ?? 0)
        }
        var text = RowText(
            reservingCapacity: 3 * textScalars + 1_024 + 256 * extractions.reduce(0) { $0 + $1.people.count })
        pageText = text.add(scalars: scalars)
        var used = Set<Int>()
        for (offset, extraction) in extractions.enumerated() {
            let article = extraction.article
            let position = used.contains(article.index) ? offset : article.index
            used.insert(position)
            let body = article.body
            articles.append(
                Article(
                    position: Int64(position), kind: article.kind.rawValue,
                    headline: article.headline.map { text.add(scalars: $0.scalars) },
                    byline: article.byline.map { text.add(scalars: $0.scalars) }, date: article.date?.iso,
                    dateInferred: article.date?.inferred ?? false, body: text.add(scalars: body.scalars),
                    bodyStart: body.sourceOffsets.first.map(Int64.init),
                    bodyEnd: body.sourceOffsets.last.map { Int64($0 + 1) },
                    bodyOffsets: text.addJSON { SQLiteGraphStore.writeOffsetRuns(body.sourceOffsets, to: &$0) },
                    mentions: extraction.people.enumerated().map { position, person in
                        let first = person.spans.min { $0.lowerBound < $1.lowerBound } ?? (0..<0)
                        return Mention(
                            position: Int64(position), name: text.add(person.name), kind: person.kind.rawValue,
                            referenced: person.referenced, inName: person.inName, start: Int64(first.lowerBound),
                            end: Int64(first.upperBound),
                            spans: text.addJSON { SQLiteGraphStore.writeSpans(person.spans, to: &$0) },
                            titles: text.addJSON { SQLiteGraphStore.writeTitles(person.titles, to: &$0) },
                            rules: text.addJSON { $0.strings(person.rules) })
                    },
                    organizations: extraction.organizations.enumerated().map { position, org in
                        let first = org.spans.min { $0.lowerBound < $1.lowerBound }
                        return Organization(
                            position: Int64(position), name: text.add(org.name),
                            jurisdiction: org.jurisdiction.map { text.add($0) },
                            parent: org.parent.map { text.add($0) }, written: text.addJSON { $0.strings(org.mentions) },
                            start: first.map { Int64($0.lowerBound) }, end: first.map { Int64($0.upperBound) },
                            spans: text.addJSON { SQLiteGraphStore.writeSpans(org.spans, to: &$0) })
                    }))
        }
        self.text = text.take()
    }
}

/// The statements that store documents, prepared once per batch.
///
/// An institution mention points at its institution (`organizationId`, the
/// canonical name) as soon as it is written; the institution's row is made
/// here too, empty, and filled in by linking. Before, linking set the
/// pointer of every institution mention of the store (a quarter of the
/// linking's single-threaded time).
private struct DocumentStatements {
    /// Nil when every document is new (a first build writing in bulk).
    let deleteDocument: RawStatement?
    let document: RawStatement
    let article: RawStatement
    let mention: RawStatement
    let organization: RawStatement
    let institution: RawStatement
    /// The institutions this batch has made sure of.
    var institutions: Set<String> = []

    init(_ db: Database, replacing: Bool) throws {
        deleteDocument = replacing ? try RawStatement(db, sql: "DELETE FROM document WHERE path = ?") : nil
        document = try RawStatement(
            db,
            sql: """
                INSERT INTO document (path, source, root, contentHash, size, modifiedAt, encoding, format, url,
                    date, dateInferred, homeJurisdiction, text, buildId, jurisdictionCounts, readOptions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        article = try RawStatement(
            db,
            sql: """
                INSERT INTO article (documentId, position, kind, headline, byline, date, dateInferred, body,
                    bodyStart, bodyEnd, bodyOffsets)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        mention = try RawStatement(
            db,
            sql: """
                INSERT INTO mention (articleId, position, name, kind, referenced, inName, startOffset, endOffset,
                    spans, titles, rules)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        organization = try RawStatement(
            db,
            sql: """
                INSERT INTO organizationMention (articleId, position, name, organizationId, jurisdiction, parent, written,
                    startOffset, endOffset, spans)
                VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                """)
        institution = try RawStatement(
            db,
            sql: """
                INSERT INTO organization (id, name, aliases, articleCount) VALUES (?1, ?1, '[]', 0) ON CONFLICT DO NOTHING
                """)
    }

    mutating func insert(_ rows: DocumentRows, build: Int64?, _ db: Database) throws {
        let d = rows.document, page = d.page
        try deleteDocument?.run(d.path)
        try rows.text.withUnsafeBufferPointer { text in
            // Every statement has run (and been reset) before `text` goes.
            document.bind(d.path, at: 1)
            document.bind(d.source, at: 2)
            document.bind(d.root, at: 3)
            document.bind(d.contentHash, at: 4)
            document.bind(Int64(d.size), at: 5)
            document.bind(rows.modified, at: 6)
            document.bind(page.encoding, at: 7)
            document.bind(page.format.rawValue, at: 8)
            document.bind(page.url, at: 9)
            document.bind(page.date?.iso, at: 10)
            document.bind(page.date?.inferred ?? false, at: 11)
            document.bind(d.homeJurisdiction, at: 12)
            document.bind(rows.pageText, in: text, at: 13)
            document.bind(build, at: 14)
            document.bind(rows.jurisdictionCounts, at: 15)
            document.bind(d.readOptions, at: 16)
            try document.run()
            let documentId = db.lastInsertedRowID
            for a in rows.articles {
                article.bind(documentId, at: 1)
                article.bind(a.position, at: 2)
                article.bind(a.kind, at: 3)
                article.bind(a.headline, in: text, at: 4)
                article.bind(a.byline, in: text, at: 5)
                article.bind(a.date, at: 6)
                article.bind(a.dateInferred, at: 7)
                article.bind(a.body, in: text, at: 8)
                article.bind(a.bodyStart, at: 9)
                article.bind(a.bodyEnd, at: 10)
                article.bind(a.bodyOffsets, in: text, at: 11)
                try article.run()
                let articleId = db.lastInsertedRowID
                for m in a.mentions {
                    mention.bind(articleId, at: 1)
                    mention.bind(m.position, at: 2)
                    mention.bind(m.name, in: text, at: 3)
                    mention.bind(m.kind, at: 4)
                    mention.bind(m.referenced, at: 5)
                    mention.bind(m.inName, at: 6)
                    mention.bind(m.start, at: 7)
                    mention.bind(m.end, at: 8)
                    mention.bind(m.spans, in: text, at: 9)
                    mention.bind(m.titles, in: text, at: 10)
                    mention.bind(m.rules, in: text, at: 11)
                    try mention.run()
                }
                for o in a.organizations {
                    let name = String(
                        decoding: UnsafeBufferPointer(rebasing: text[o.name.start..<o.name.start + o.name.count]),
                        as: UTF8.self)
                    if institutions.insert(name).inserted { try institution.run(name) }
                    organization.bind(articleId, at: 1)
                    organization.bind(o.position, at: 2)
                    organization.bind(o.name, in: text, at: 3)
                    organization.bind(o.jurisdiction, in: text, at: 4)
                    organization.bind(o.parent, in: text, at: 5)
                    organization.bind(o.written, in: text, at: 6)
                    organization.bind(o.start, at: 7)
                    organization.bind(o.end, at: 8)
                    organization.bind(o.spans, in: text, at: 9)
                    try organization.run()
                }
            }
        }
    }
}
