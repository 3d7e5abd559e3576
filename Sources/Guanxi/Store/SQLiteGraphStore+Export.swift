import Foundation
import GRDB

extension SQLiteGraphStore {
    /// The documents, articles, mentions and post evidence behind `snapshot`,
    /// and the spells of its edges, within the time window of `filter`.
    ///
    /// Post evidence is read for the snapshot's posts: a snapshot without
    /// posts reads none.
    ///
    /// Articles are those of the mentions and post evidence read; an edge's
    /// spells (with `spells`) come from the distinct dates of its shared
    /// articles, which are not kept.
    ///
    /// - Complexity: one pass over the mentions and post articles in the
    ///   window, and (with `spells`) one index range of co-appearance articles per edge.
    public func exportEvidence(
        for snapshot: GraphSnapshot, filter: GraphFilter, mentions scope: ExportEvidence.MentionScope, spells: Bool
    ) throws -> ExportEvidence {
        try read { db in
            let (window, arguments) = Self.window(filter)
            let args = StatementArguments(arguments)
            let people = Set(snapshot.people.map(\.id))
            let posts = Set(snapshot.posts.map(\.id))

            var postEvidence: [ExportEvidence.PostEvidence] = []
            let postRows =
                posts.isEmpty
                ? nil
                : try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT pa.postId, pa.articleId, pa.mentionId FROM postArticle pa JOIN article a ON a.id = pa.articleId
                        WHERE \(window) ORDER BY pa.postId, pa.articleId
                        """, arguments: args)
            while let row = try postRows?.next() {
                let postId: String = row[0]
                guard posts.contains(postId) else { continue }
                postEvidence.append(ExportEvidence.PostEvidence(postId: postId, articleId: row[1], mentionId: row[2]))
            }
            var mentions: [ExportEvidence.Mention] = []
            let cited = Set(postEvidence.map(\.mentionId))
            let rows =
                scope == .none
                ? nil
                : try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT m.id, m.articleId, m.position, mp.personId, m.name, m.kind, m.referenced, m.inName,
                               m.startOffset, m.endOffset, m.titles, m.rules
                        FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article a ON a.id = m.articleId
                        WHERE \(window) ORDER BY m.id
                        """, arguments: args)
            while let row = try rows?.next() {
                let personId: String = row[3]
                guard people.contains(personId), scope == .all || cited.contains(row[0]) else { continue }
                mentions.append(
                    ExportEvidence.Mention(
                        id: row[0], articleId: row[1], position: row[2], personId: personId, name: row[4], kind: row[5],
                        referenced: row[6], inName: row[7], startOffset: row[8], endOffset: row[9],
                        titles: Self.jsonTitles(row[10]), rules: Self.jsonStrings(row[11])))
            }
            var edgeSpells: [ExportEvidence.Pair: [DateSpan]] = [:]
            if spells {
                let dates = try Self.statement(
                    db,
                    sql: """
                        SELECT DISTINCT a.date FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
                        WHERE ca.personA = ? AND ca.personB = ? AND \(window)
                        """, after: 2, arguments)
                for e in snapshot.edges {
                    dates.rewind()
                    dates.bind(e.source, at: 1)
                    dates.bind(e.target, at: 2)
                    var spans: [DateSpan] = []
                    while try dates.step() {
                        if let date = dates.string(0), let span = DateSpan(partial: date) { spans.append(span) }
                    }
                    if !spans.isEmpty {
                        edgeSpells[ExportEvidence.Pair(source: e.source, target: e.target)] = DateSpan.merged(spans)
                    }
                }
            }
            // Mentions behind posts may lie outside the people's mention list only
            // if the store is inconsistent; articles are those any of the above cite.
            var articleIds = Set(mentions.map(\.articleId))
            articleIds.formUnion(postEvidence.map(\.articleId))
            var articles: [ExportEvidence.Article] = []
            if !articleIds.isEmpty {
                let articleRows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT id, documentId, position, headline, byline, date, dateInferred FROM article ORDER BY id
                        """)
                while let row = try articleRows.next() {
                    guard articleIds.contains(row[0]) else { continue }
                    articles.append(
                        ExportEvidence.Article(
                            id: row[0], documentId: row[1], position: row[2], headline: row[3], byline: row[4],
                            date: row[5],
                            dateInferred: row[6]))
                }
            }
            let documentIds = Set(articles.map(\.documentId))
            var documents: [ExportEvidence.Document] = []
            if !documentIds.isEmpty {
                let documentRows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT id, path, root, contentHash, encoding FROM document ORDER BY id
                        """)
                while let row = try documentRows.next() {
                    guard documentIds.contains(row[0]) else { continue }
                    documents.append(
                        ExportEvidence.Document(
                            id: row[0], path: Self.portablePath(row[1], root: row[2]), contentHash: row[3],
                            encoding: row[4]))
                }
            }
            return ExportEvidence(
                documents: documents, articles: articles, mentions: mentions, postEvidence: postEvidence,
                edgeSpells: edgeSpells, aliases: try Self.aliases(db))
        }
    }

    /// Runs `body` with the evidence behind `snapshot` in the window of
    /// `filter`, streamed from one read transaction of the store.
    ///
    /// - Throws: ``StoreError`` when the store fails; what `body` throws.
    public func withTurtleEvidence<T>(
        for snapshot: GraphSnapshot, filter: GraphFilter, _ body: (any TurtleEvidence) throws -> T
    ) throws -> T {
        let outcome: Result<T, any Error> = try read { db in
            let evidence = try StoredTurtleEvidence(db, snapshot: snapshot, filter: filter)
            do {
                return .success(try body(evidence))
            } catch let error as DatabaseError {
                throw error
            } catch {
                return .failure(error)  // the exporter's own (output) errors are not the store's
            }
        }
        return try outcome.get()
    }

    /// A prepared statement with `arguments` (the window's dates, as text)
    /// bound after its first `after` parameters.
    static func statement(
        _ db: Database, sql: String, after: Int = 0, _ arguments: [DatabaseValueConvertible?]
    ) throws -> RawStatement {
        let statement = try RawStatement(db, sql: sql)
        for (i, value) in arguments.enumerated() {
            statement.bind(String.fromDatabaseValue(value?.databaseValue ?? .null), at: Int32(after + i + 1))
        }
        return statement
    }

    /// Forms written in papers, sorted, by institution id (those with any).
    static func aliases(_ db: Database) throws -> [String: [String]] {
        var aliases: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, aliases FROM organization ORDER BY id") {
            let list = jsonStrings(row[1]).sorted()
            if !list.isEmpty { aliases[row[0]] = list }
        }
        return aliases
    }

    /// `path` relative to the folder that holds `root` (`/x/seeds/a.txt`, root
    /// `/x/seeds` → `seeds/a.txt`), so exports do not depend on where the
    /// corpus lies on disk.
    static func portablePath(_ path: String, root: String) -> String {
        portablePath(path, parent: parentFolder(root))
    }

    /// The folder that holds `root` (`/x/seeds` → `/x`).
    static func parentFolder(_ root: String) -> String {
        let root = root.hasSuffix("/") ? String(root.dropLast()) : root
        return (root as NSString).deletingLastPathComponent
    }

    /// `path` relative to `parent`, the folder above its input root.
    static func portablePath(_ path: String, parent: String) -> String {
        if parent.isEmpty || parent == "/" || !path.hasPrefix(parent + "/") {
            return path.hasPrefix("/") ? String(path.dropFirst()) : path
        }
        return String(path.dropFirst(parent.count + 1))
    }

    static func jsonStrings(_ text: String?) -> [String] {
        guard let data = text?.data(using: .utf8),
            let list = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return list
    }

    private struct WrittenTitle: Decodable { var text: String }

    static func jsonTitles(_ text: String?) -> [String] {
        guard let data = text?.data(using: .utf8),
            let list = try? JSONDecoder().decode([WrittenTitle].self, from: data)
        else { return [] }
        return list.map(\.text)
    }
}

/// ``TurtleEvidence`` read from the store inside one read transaction: one
/// prepared statement per kind of row, stepped as the exporter writes.
private struct StoredTurtleEvidence: TurtleEvidence {
    let aliases: [String: [String]]
    private let people: Set<String>
    private let sharedArticleRows: RawStatement
    private let postMentionRows: RawStatement
    private let mentionRows: RawStatement
    private let articleRows: RawStatement
    private let documentRows: RawStatement
    private let paths = PortablePaths()

    init(_ db: Database, snapshot: GraphSnapshot, filter: GraphFilter) throws {
        aliases = try SQLiteGraphStore.aliases(db)
        people = Set(snapshot.people.map(\.id))
        let (window, arguments) = SQLiteGraphStore.window(filter)
        let (mentionWindow, mentionArguments) = SQLiteGraphStore.window(filter, article: "ma")
        sharedArticleRows = try SQLiteGraphStore.statement(
            db,
            sql: """
                SELECT a.id, a.position, a.documentId, d.path, d.root
                FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId LEFT JOIN document d ON d.id = a.documentId
                WHERE ca.personA = ? AND ca.personB = ? AND \(window) ORDER BY ca.articleId
                """, after: 2, arguments)
        // The post's article is in the window, and so is the mention's (the
        // same article in a consistent store).
        postMentionRows = try SQLiteGraphStore.statement(
            db,
            sql: """
                SELECT m.id, m.position, mp.personId, ma.position, ma.documentId, d.path, d.root
                FROM postArticle pa JOIN article a ON a.id = pa.articleId JOIN mention m ON m.id = pa.mentionId
                JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article ma ON ma.id = m.articleId
                LEFT JOIN document d ON d.id = ma.documentId
                WHERE pa.postId = ? AND \(window) AND \(mentionWindow) ORDER BY m.id
                """, after: 1, arguments + mentionArguments)
        mentionRows = try SQLiteGraphStore.statement(
            db,
            sql: """
                SELECT m.id, m.articleId, m.position, mp.personId, m.name, m.kind, m.referenced, m.inName,
                       m.startOffset, m.endOffset, m.titles, m.rules, a.position, a.documentId, d.path, d.root
                FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article a ON a.id = m.articleId
                LEFT JOIN document d ON d.id = a.documentId
                WHERE \(window) ORDER BY m.id
                """, arguments)
        articleRows = try SQLiteGraphStore.statement(
            db,
            sql: """
                SELECT a.id, a.documentId, a.position, a.headline, a.byline, a.date, a.dateInferred,
                       d.id, d.path, d.root, d.contentHash, d.encoding
                FROM article a LEFT JOIN document d ON d.id = a.documentId ORDER BY a.id
                """, [])
        documentRows = try SQLiteGraphStore.statement(
            db,
            sql: """
                SELECT id, path, root, contentHash, encoding FROM document ORDER BY id
                """, [])
    }

    /// `document path#position` from the columns `position`, `documentId`,
    /// `path`, `root` starting at `column` (path NULL: the document is gone).
    private func articleKey(_ rows: RawStatement, from column: Int32) -> String {
        let position = rows.int64(column)
        guard let path = rows.string(column + 2) else { return "document-\(rows.int64(column + 1))#\(position)" }
        return "\(paths.portable(path, root: rows.string(column + 3) ?? ""))#\(position)"
    }

    func sharedArticles(source: String, target: String, _ body: (Int64, String) throws -> Void) throws {
        let rows = sharedArticleRows
        rows.rewind()
        rows.bind(source, at: 1)
        rows.bind(target, at: 2)
        while try rows.step() { try body(rows.int64(0), articleKey(rows, from: 1)) }
    }

    func postMentions(postId: String, _ body: (Int64, Int, String?) throws -> Void) throws {
        let rows = postMentionRows
        rows.rewind()
        rows.bind(postId, at: 1)
        while try rows.step() {
            guard people.contains(rows.string(2) ?? "") else { continue }
            try body(rows.int64(0), Int(rows.int64(1)), articleKey(rows, from: 3))
        }
    }

    func mentions(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Mention, String?) throws -> Void) throws {
        let rows = mentionRows
        rows.rewind()
        while try rows.step() {
            let id = rows.int64(0)
            guard wanted(id), let personId = rows.string(3), people.contains(personId) else { continue }
            let mention = ExportEvidence.Mention(
                id: id, articleId: rows.int64(1), position: Int(rows.int64(2)), personId: personId,
                name: rows.string(4) ?? "", kind: rows.string(5) ?? "", referenced: rows.bool(6), inName: rows.bool(7),
                startOffset: Int(rows.int64(8)), endOffset: Int(rows.int64(9)),
                titles: SQLiteGraphStore.jsonTitles(rows.string(10)),
                rules: SQLiteGraphStore.jsonStrings(rows.string(11)))
            try body(mention, articleKey(rows, from: 12))
        }
    }

    func articles(
        where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Article, String, ExportEvidence.Document?) throws -> Void
    ) throws {
        let rows = articleRows
        rows.rewind()
        while try rows.step() {
            let id = rows.int64(0)
            guard wanted(id) else { continue }
            let article = ExportEvidence.Article(
                id: id, documentId: rows.int64(1), position: Int(rows.int64(2)), headline: rows.string(3),
                byline: rows.string(4), date: rows.string(5), dateInferred: rows.bool(6))
            var document: ExportEvidence.Document?
            if let path = rows.string(8) {
                document = ExportEvidence.Document(
                    id: rows.int64(7), path: paths.portable(path, root: rows.string(9) ?? ""),
                    contentHash: rows.string(10) ?? "", encoding: rows.string(11) ?? "")
            }
            let key = "\(document?.path ?? "document-\(article.documentId)")#\(article.position)"
            try body(article, key, document)
        }
    }

    func documents(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Document) throws -> Void) throws {
        let rows = documentRows
        rows.rewind()
        while try rows.step() {
            let id = rows.int64(0)
            guard wanted(id) else { continue }
            try body(
                ExportEvidence.Document(
                    id: id, path: paths.portable(rows.string(1) ?? "", root: rows.string(2) ?? ""),
                    contentHash: rows.string(3) ?? "", encoding: rows.string(4) ?? ""))
        }
    }
}

/// ``SQLiteGraphStore/portablePath(_:root:)`` with the folder above each
/// root worked out once: an export turns millions of paths under a few roots.
private final class PortablePaths {
    private var parents: [String: String] = [:]

    func portable(_ path: String, root: String) -> String {
        let parent: String
        if let known = parents[root] {
            parent = known
        } else {
            parent = SQLiteGraphStore.parentFolder(root)
            parents[root] = parent
        }
        return SQLiteGraphStore.portablePath(path, parent: parent)
    }
}
