import Foundation
import GRDB

extension SQLiteGraphStore {
    public func replaceDocument(_ document: DocumentInput, extractions: [ArticleExtraction], build: Int64?) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM document WHERE path = ?", arguments: [document.path])
            let page = document.page
            try db.execute(
                sql: """
                    INSERT INTO document (path, source, root, contentHash, size, modifiedAt, encoding, format, url,
                        date, dateInferred, homeJurisdiction, text, buildId)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    document.path, document.source, document.root, document.contentHash, document.size,
                    document.modified.map { ISO8601DateFormatter().string(from: $0) }, page.encoding,
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
    }

    private func insertArticle(_ db: Database, documentId: Int64, position: Int, _ extraction: ArticleExtraction) throws {
        let article = extraction.article
        let body = article.body
        try db.execute(
            sql: """
                INSERT INTO article (documentId, position, kind, headline, byline, date, dateInferred, body,
                    bodyStart, bodyEnd, bodyOffsets)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
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
                first.lowerBound, first.upperBound, Self.json(person.spans.map { [$0.lowerBound, $0.upperBound] }),
                Self.json(person.titles), Self.json(person.rules),
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
                first?.lowerBound, first?.upperBound, Self.json(org.spans.map { [$0.lowerBound, $0.upperBound] }),
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
        return json(runs)
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
