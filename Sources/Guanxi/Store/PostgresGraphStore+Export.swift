import Foundation

/// The evidence exports read (SQLiteGraphStore+Export in PostgreSQL's SQL):
/// the same rows in the same order, so that exports from the two stores
/// are byte-identical.
extension PostgresGraphStore {
    public func exportEvidence(
        for snapshot: GraphSnapshot, filter: GraphFilter, mentions scope: ExportEvidence.MentionScope, spells: Bool
    ) throws -> ExportEvidence {
        try session.reading {
            try readEvidence(for: snapshot, filter: filter, mentions: scope, spells: spells)
        }
    }

    private func readEvidence(
        for snapshot: GraphSnapshot, filter: GraphFilter, mentions scope: ExportEvidence.MentionScope, spells: Bool
    ) throws -> ExportEvidence {
        let (window, arguments) = Self.window(filter, from: 1)
        let people = Set(snapshot.people.map(\.id))
        let posts = Set(snapshot.posts.map(\.id))

        var postEvidence: [ExportEvidence.PostEvidence] = []
        if !posts.isEmpty {
            for row in try session.rows(
                """
                SELECT pa.postId, pa.articleId, pa.mentionId FROM postArticle pa JOIN article a ON a.id = pa.articleId
                WHERE \(window) ORDER BY pa.postId, pa.articleId
                """, arguments)
            {
                guard let postId = row.string(0), posts.contains(postId) else { continue }
                postEvidence.append(
                    ExportEvidence.PostEvidence(
                        postId: postId, articleId: row.int64(1) ?? 0, mentionId: row.int64(2) ?? 0))
            }
        }
        var mentions: [ExportEvidence.Mention] = []
        let cited = Set(postEvidence.map(\.mentionId))
        if scope != .none {
            for row in try session.rows(
                """
                SELECT m.id, m.articleId, m.position, mp.personId, m.name, m.kind, m.referenced, m.inName,
                       m.startOffset, m.endOffset, m.titles, m.rules
                FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article a ON a.id = m.articleId
                WHERE \(window) ORDER BY m.id
                """, arguments)
            {
                let id = row.int64(0) ?? 0
                guard let personId = row.string(3), people.contains(personId), scope == .all || cited.contains(id)
                else { continue }
                mentions.append(Self.mention(row, id: id, personId: personId))
            }
        }
        var edgeSpells: [ExportEvidence.Pair: [DateSpan]] = [:]
        if spells {
            let (edgeWindow, edgeArguments) = Self.window(filter, from: 3)
            for e in snapshot.edges {
                var spans: [DateSpan] = []
                for row in try session.rows(
                    """
                    SELECT DISTINCT a.date FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
                    WHERE ca.personA = $1 AND ca.personB = $2 AND \(edgeWindow)
                    """, [.text(e.source), .text(e.target)] + edgeArguments)
                {
                    if let date = row.string(0), let span = DateSpan(partial: date) { spans.append(span) }
                }
                if !spans.isEmpty {
                    edgeSpells[ExportEvidence.Pair(source: e.source, target: e.target)] = DateSpan.merged(spans)
                }
            }
        }
        var articleIds = Set(mentions.map(\.articleId))
        articleIds.formUnion(postEvidence.map(\.articleId))
        var articles: [ExportEvidence.Article] = []
        if !articleIds.isEmpty {
            for row in try session.rows(
                "SELECT id, documentId, position, headline, byline, date, dateInferred FROM article ORDER BY id")
            {
                guard let id = row.int64(0), articleIds.contains(id) else { continue }
                articles.append(Self.article(row, from: 0))
            }
        }
        let documentIds = Set(articles.map(\.documentId))
        var documents: [ExportEvidence.Document] = []
        if !documentIds.isEmpty {
            for row in try session.rows("SELECT id, path, root, contentHash, encoding FROM document ORDER BY id") {
                guard let id = row.int64(0), documentIds.contains(id) else { continue }
                documents.append(Self.document(row, from: 0))
            }
        }
        return ExportEvidence(
            documents: documents, articles: articles, mentions: mentions, postEvidence: postEvidence,
            edgeSpells: edgeSpells, aliases: try aliases())
    }

    public func withTurtleEvidence<T>(
        for snapshot: GraphSnapshot, filter: GraphFilter, _ body: (any TurtleEvidence) throws -> T
    ) throws -> T {
        try session.reading {
            let evidence = PostgresTurtleEvidence(
                store: self, aliases: try aliases(), people: Set(snapshot.people.map(\.id)), filter: filter)
            return try body(evidence)
        }
    }

    /// Forms written in papers, sorted, by institution id (those with any).
    func aliases() throws -> [String: [String]] {
        var aliases: [String: [String]] = [:]
        for row in try session.rows("SELECT id, aliases FROM organization ORDER BY id") {
            let list = SQLiteGraphStore.jsonStrings(row.string(1)).sorted()
            if !list.isEmpty, let id = row.string(0) { aliases[id] = list }
        }
        return aliases
    }

    /// A mention from columns id, articleId, position, personId, name, kind,
    /// referenced, inName, startOffset, endOffset, titles, rules.
    static func mention(_ row: SQLRow, id: Int64, personId: String) -> ExportEvidence.Mention {
        ExportEvidence.Mention(
            id: id, articleId: row.int64(1) ?? 0, position: row.int(2) ?? 0, personId: personId,
            name: row.string(4) ?? "", kind: row.string(5) ?? "", referenced: row.bool(6), inName: row.bool(7),
            startOffset: row.int(8) ?? 0, endOffset: row.int(9) ?? 0,
            titles: SQLiteGraphStore.jsonTitles(row.string(10)), rules: SQLiteGraphStore.jsonStrings(row.string(11)))
    }

    /// An article from columns id, documentId, position, headline, byline, date, dateInferred at `first`.
    static func article(_ row: SQLRow, from k: Int) -> ExportEvidence.Article {
        ExportEvidence.Article(
            id: row.int64(k) ?? 0, documentId: row.int64(k + 1) ?? 0, position: row.int(k + 2) ?? 0,
            headline: row.string(k + 3), byline: row.string(k + 4), date: row.string(k + 5),
            dateInferred: row.bool(k + 6))
    }

    /// A document from columns id, path, root, contentHash, encoding at `first`.
    static func document(_ row: SQLRow, from k: Int) -> ExportEvidence.Document {
        ExportEvidence.Document(
            id: row.int64(k) ?? 0,
            path: SQLiteGraphStore.portablePath(row.string(k + 1) ?? "", root: row.string(k + 2) ?? ""),
            contentHash: row.string(k + 3) ?? "", encoding: row.string(k + 4) ?? "")
    }
}

/// ``TurtleEvidence`` read from the PostgreSQL store inside one snapshot: a
/// statement for each kind of row, as the exporter asks.
private struct PostgresTurtleEvidence: TurtleEvidence {
    let store: PostgresGraphStore
    let aliases: [String: [String]]
    let people: Set<String>
    let filter: GraphFilter

    private var session: any SQLSession { store.session }

    /// `document path#position` from the columns position, documentId, path,
    /// root starting at `k` (path NULL: the document is gone).
    private func articleKey(_ row: SQLRow, from k: Int) -> String {
        let position = row.int64(k) ?? 0
        guard let path = row.string(k + 2) else { return "document-\(row.int64(k + 1) ?? 0)#\(position)" }
        return "\(SQLiteGraphStore.portablePath(path, root: row.string(k + 3) ?? ""))#\(position)"
    }

    func sharedArticles(source: String, target: String, _ body: (Int64, String) throws -> Void) throws {
        let (window, arguments) = PostgresGraphStore.window(filter, from: 3)
        for row in try session.rows(
            """
            SELECT a.id, a.position, a.documentId, d.path, d.root
            FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId LEFT JOIN document d ON d.id = a.documentId
            WHERE ca.personA = $1 AND ca.personB = $2 AND \(window) ORDER BY ca.articleId
            """, [.text(source), .text(target)] + arguments)
        {
            try body(row.int64(0) ?? 0, articleKey(row, from: 1))
        }
    }

    func postMentions(postId: String, _ body: (Int64, Int, String?) throws -> Void) throws {
        let (window, arguments) = PostgresGraphStore.window(filter, from: 2)
        let (mentionWindow, mentionArguments) = PostgresGraphStore.window(
            filter, article: "ma", from: 2 + arguments.count)
        for row in try session.rows(
            """
            SELECT m.id, m.position, mp.personId, ma.position, ma.documentId, d.path, d.root
            FROM postArticle pa JOIN article a ON a.id = pa.articleId JOIN mention m ON m.id = pa.mentionId
            JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article ma ON ma.id = m.articleId
            LEFT JOIN document d ON d.id = ma.documentId
            WHERE pa.postId = $1 AND \(window) AND \(mentionWindow) ORDER BY m.id
            """, [.text(postId)] + arguments + mentionArguments)
        {
            guard people.contains(row.string(2) ?? "") else { continue }
            try body(row.int64(0) ?? 0, row.int(1) ?? 0, articleKey(row, from: 3))
        }
    }

    func mentions(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Mention, String?) throws -> Void) throws {
        let (window, arguments) = PostgresGraphStore.window(filter, from: 1)
        for row in try session.rows(
            """
            SELECT m.id, m.articleId, m.position, mp.personId, m.name, m.kind, m.referenced, m.inName,
                   m.startOffset, m.endOffset, m.titles, m.rules, a.position, a.documentId, d.path, d.root
            FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article a ON a.id = m.articleId
            LEFT JOIN document d ON d.id = a.documentId
            WHERE \(window) ORDER BY m.id
            """, arguments)
        {
            let id = row.int64(0) ?? 0
            guard wanted(id), let personId = row.string(3), people.contains(personId) else { continue }
            try body(PostgresGraphStore.mention(row, id: id, personId: personId), articleKey(row, from: 12))
        }
    }

    func articles(
        where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Article, String, ExportEvidence.Document?) throws -> Void
    ) throws {
        for row in try session.rows(
            """
            SELECT a.id, a.documentId, a.position, a.headline, a.byline, a.date, a.dateInferred,
                   d.id, d.path, d.root, d.contentHash, d.encoding
            FROM article a LEFT JOIN document d ON d.id = a.documentId ORDER BY a.id
            """)
        {
            guard let id = row.int64(0), wanted(id) else { continue }
            let article = PostgresGraphStore.article(row, from: 0)
            let document = row.string(8) == nil ? nil : PostgresGraphStore.document(row, from: 7)
            let key = "\(document?.path ?? "document-\(article.documentId)")#\(article.position)"
            try body(article, key, document)
        }
    }

    func documents(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Document) throws -> Void) throws {
        for row in try session.rows("SELECT id, path, root, contentHash, encoding FROM document ORDER BY id") {
            guard let id = row.int64(0), wanted(id) else { continue }
            try body(PostgresGraphStore.document(row, from: 0))
        }
    }
}
