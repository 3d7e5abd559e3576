import Foundation
import GRDB

extension SQLiteGraphStore {
    public func replaceDocument(_ document: DocumentInput, extractions: [ArticleExtraction], build: Int64?) throws {
        try replaceDocuments([(document, extractions)], build: build)
    }

    /// Stores the documents in one transaction: a build killed halfway leaves
    /// each batch either fully stored or not at all.
    public func replaceDocuments(_ documents: [(DocumentInput, [ArticleExtraction])], build: Int64?) throws {
        guard !documents.isEmpty else { return }
        try write { db in
            try db.execute(sql: "UPDATE linkState SET fingerprint = NULL")
            for (document, extractions) in documents {
                try insertDocument(db, document, extractions, build: build)
            }
        }
    }

    private func insertDocument(
        _ db: Database, _ document: DocumentInput, _ extractions: [ArticleExtraction], build: Int64?
    ) throws {
        try db.cachedStatement(sql: "DELETE FROM document WHERE path = ?").execute(arguments: [document.path])
        let page = document.page
        try db.cachedStatement(
            sql: """
                INSERT INTO document (path, source, root, contentHash, size, modifiedAt, encoding, format, url,
                    date, dateInferred, homeJurisdiction, text, buildId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                document.path, document.source, document.root, document.contentHash, document.size,
                document.modified.map { $0.formatted(.iso8601) }, page.encoding,
                page.format.rawValue, page.url, page.date?.iso, page.date?.inferred ?? false,
                document.homeJurisdiction, page.text, build,
            ])
        let documentId = db.lastInsertedRowID
        var used = Set<Int>()
        for (offset, extraction) in extractions.enumerated() {
            let article = extraction.article
            let position = used.contains(article.index) ? offset : article.index
            used.insert(position)
            try insertArticle(db, documentId: documentId, position: position, extraction)
        }
    }


    private func insertArticle(_ db: Database, documentId: Int64, position: Int, _ extraction: ArticleExtraction) throws {
        let article = extraction.article
        let body = article.body
        try db.cachedStatement(
            sql: """
                INSERT INTO article (documentId, position, kind, headline, byline, date, dateInferred, body,
                    bodyStart, bodyEnd, bodyOffsets)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                documentId, position, article.kind.rawValue, article.headline?.text, article.byline?.text,
                article.date?.iso, article.date?.inferred ?? false, body.text, body.sourceOffsets.first,
                body.sourceOffsets.last.map { $0 + 1 }, Self.offsetRuns(body.sourceOffsets),
            ])
        let articleId = db.lastInsertedRowID
        let mention = try db.cachedStatement(sql: """
            INSERT INTO mention (articleId, position, name, kind, referenced, inName, startOffset, endOffset,
                spans, titles, rules)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, person) in extraction.people.enumerated() {
            let first = person.spans.min { $0.lowerBound < $1.lowerBound } ?? (0..<0)
            try mention.execute(arguments: [
                articleId, position, person.name, person.kind.rawValue, person.referenced, person.inName,
                first.lowerBound, first.upperBound, Self.intArrays(person.spans.map { [$0.lowerBound, $0.upperBound] }),
                Self.titlesJSON(person.titles), Self.stringsJSON(person.rules),
            ])
        }
        let organization = try db.cachedStatement(sql: """
            INSERT INTO organizationMention (articleId, position, name, jurisdiction, parent, written,
                startOffset, endOffset, spans)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, org) in extraction.organizations.enumerated() {
            let first = org.spans.min { $0.lowerBound < $1.lowerBound }
            try organization.execute(arguments: [
                articleId, position, org.name, org.jurisdiction, org.parent, Self.json(org.mentions),
                first?.lowerBound, first?.upperBound, Self.intArrays(org.spans.map { [$0.lowerBound, $0.upperBound] }),
            ])
        }
    }

    /// `[[bodyOffset, sourceOffset, length], …]`: the body's map back to the
    /// document text, one run per stretch of consecutive source offsets.
    static func offsetRuns(_ offsets: [Int]) -> String {
        var runs: [[Int]] = []
        for (i, source) in offsets.enumerated() {
            if let last = runs.last, last[1] + last[2] == source {
                runs[runs.count - 1][2] += 1
            } else {
                runs.append([i, source, 1])
            }
        }
        return intArrays(runs)
    }

    /// The titles of a mention as JSON, in the shape `TitleMention` decodes from.
    static func titlesJSON(_ titles: [TitleMention]) -> String {
        var w = JSONWriter()
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
        var w = JSONWriter()
        w.strings(values)
        return w.output
    }

    /// `[[1,2],[3,4]]`: nested integer arrays as JSON, written directly.
    static func intArrays(_ rows: [[Int]]) -> String {
        var out = "["
        for (r, row) in rows.enumerated() {
            if r > 0 { out += "," }
            out += "["
            for (k, n) in row.enumerated() {
                if k > 0 { out += "," }
                out += String(n)
            }
            out += "]"
        }
        return out + "]"
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
