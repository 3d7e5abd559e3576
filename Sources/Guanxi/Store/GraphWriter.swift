import GRDB

/// Writes what linking produced into the graph tables, with statements
/// prepared once for the whole relink.
///
/// People are upserted: their ids are stable, and mentions keep pointing at
/// them while the graph is rewritten.
struct GraphWriter {
    private let person: Statement
    private let post: Statement
    private let postArticle: Statement
    private let decision: Statement

    init(_ db: Database) throws {
        person = try db.makeStatement(sql: """
            INSERT INTO person (id, name, kind, jurisdiction, rank, firstDate, lastDate, articleCount, mentionCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                jurisdiction = excluded.jurisdiction, rank = excluded.rank, firstDate = excluded.firstDate,
                lastDate = excluded.lastDate, articleCount = excluded.articleCount, mentionCount = excluded.mentionCount
            """)
        post = try db.makeStatement(sql: """
            INSERT INTO post (id, personId, role, organizationId, title, firstDate, lastDate, articleCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        postArticle = try db.makeStatement(sql: "INSERT INTO postArticle (postId, articleId, mentionId) VALUES (?, ?, ?)")
        decision = try db.makeStatement(
            sql: "INSERT INTO linkDecision (personId, name, action, rule, reason) VALUES (?, ?, ?, ?, ?)")
    }

    /// People, their posts and the decisions behind them.
    func insert(_ linked: NameGroupLinker.Linked) throws {
        for p in linked.people {
            try person.execute(arguments: [
                p.id, p.name, p.kind.rawValue, p.jurisdiction, p.rank, p.firstDate, p.lastDate, p.articleCount,
                p.mentionCount,
            ])
        }
        for p in linked.posts {
            try post.execute(arguments: [p.id, p.personId, p.role, p.organization, p.title, p.firstDate, p.lastDate, p.evidence.count])
            for e in p.evidence { try postArticle.execute(arguments: [p.id, e.article, e.mention]) }
        }
        for d in linked.decisions {
            try decision.execute(arguments: [d.personId, d.name, d.action, d.rule, d.reason])
        }
    }
}
